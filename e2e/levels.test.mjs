// End to end: the graph drawn at three levels. Addresses: one clickable handle per address pair,
// listing exactly the transactions it sums. Entities: common-input clusters and labelled entities
// drawn as one node each, expandable, with the level and the expanded groups kept in the link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { graphCounts, historyOf, settledLink, useAppUnderTest } from './support.mjs';

const app = useAppUnderTest({ extraArgs: (dir) => ['--labels', path.join(dir, 'labels.csv')] });

/** The address-level flows of some txs, as src/views computes them (integer shares). */
function addressFlows(txs) {
  const flows = new Map();
  for (const tx of txs) {
    const senders = new Map();
    let totalIn = 0n;
    for (const input of tx.vin) {
      const address = input.prevout && input.prevout.scriptpubkey_address;
      if (!address) continue;
      senders.set(address, (senders.get(address) || 0n) + BigInt(input.prevout.value));
      totalIn += BigInt(input.prevout.value);
    }
    const receivers = new Map();
    for (const output of tx.vout) {
      if (!output.scriptpubkey_address) continue;
      const a = output.scriptpubkey_address;
      receivers.set(a, (receivers.get(a) || 0n) + BigInt(output.value));
    }
    if (totalIn === 0n) continue;
    for (const [to, received] of receivers) {
      for (const [from, sent] of senders) {
        const share = from === to ? 0n : (received * sent) / totalIn;
        if (share === 0n) continue;
        const key = `addr:${from}>addr:${to}`;
        const flow = flows.get(key) || { value: 0n, txids: new Set() };
        flow.value += share;
        flow.txids.add(tx.txid);
        flows.set(key, flow);
      }
    }
  }
  return flows;
}

async function openThief(page) {
  const thief = app.scenario.thief_address;
  const history = historyOf(app.chain, thief);
  await page.goto(`${app.standIn.url}/#/btc/address/${thief}`);
  await page.waitForSelector(`#graph-summary[data-nodes="${graphCounts(history).nodes}"][data-busy="false"]`, { timeout: 30000 });
  return { thief, history };
}

const selectedPx = (page) => page.locator('#graph-canvas').getAttribute('data-selected-px');

test('the address view draws one handle per address pair; a click lists its transactions', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  const { thief, history } = await openThief(page);
  const expected = addressFlows(history);

  await page.click('#view-address');
  assert.equal(await page.getAttribute('#view-address', 'aria-pressed'), 'true');
  await page.waitForFunction((n) => document.querySelectorAll('#drawn-nodes li[data-kind="flow"]').length === n, expected.size);
  assert.equal(await page.locator('#drawn-nodes li[data-kind="tx"]').count(), 0);

  // A flow the thief pays: its total and its transactions, exactly.
  const [key, flow] = [...expected].find(([k]) => k.startsWith(`addr:${thief}>`));
  await page.locator(`#drawn-nodes li[data-key="${key}"] button`).dispatchEvent('click');
  await page.waitForSelector('#flow-total');
  assert.equal(await page.getAttribute('#flow-total', 'data-sats'), String(flow.value));
  const txids = await page.locator('#flow-txs tr[data-txid]').evaluateAll((rows) => rows.map((r) => r.dataset.txid));
  assert.deepEqual(txids, [...flow.txids].sort());

  // The same handle, clicked on the canvas once the layout rests.
  await page.waitForSelector('#graph-canvas[data-layout="settled"]', { timeout: 30000 });
  const at = (await selectedPx(page)).split(',').map(Number);
  await page.locator(`#drawn-nodes li[data-key="${thief}"] button`).dispatchEvent('click');
  await page.waitForSelector('#side-panel h2:text("Address")');
  const box = await page.locator('#graph-canvas').boundingBox();
  await page.mouse.click(box.x + at[0], box.y + at[1]);
  await page.waitForSelector('#flow-total');
  assert.equal(await page.getAttribute('#flow-total', 'data-sats'), String(flow.value));
  await page.screenshot({ path: path.join(app.out, 'levels-address-flow.png') });

  // A transaction of the flow opens the transaction view on it.
  await page.locator('#flow-txs button').first().click();
  await page.waitForSelector('#side-panel h2:text("Transaction")');
  assert.equal(await page.getAttribute('#view-tx', 'aria-pressed'), 'true');
  assert.match(await page.locator('#side-panel').textContent(), new RegExp(txids[0]));
  assert.deepEqual(problems, []);
  await page.close();
});

/** labels.csv as {address, entity} rows (quoted fields may hold commas). */
function labelRows() {
  const lines = readFileSync(path.join(app.chainDir, 'labels.csv'), 'utf8').split('\n').slice(1).filter(Boolean);
  return lines.map((line) => {
    const fields = [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].map((m) => m[2] ?? m[1]);
    return { address: fields[1], entity: fields[2] };
  });
}

const inputsOf = (tx) => [...new Set(tx.vin.map((i) => i.prevout && i.prevout.scriptpubkey_address).filter(Boolean))];
const drawn = (page, key) => page.locator(`#drawn-nodes li[data-key="${key}"]`).count();

test('the entity view draws a labelled entity as one node that expands, kept in the link', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  const { history } = await openThief(page);
  const inGraph = new Set(history.flatMap((tx) => [...inputsOf(tx), ...tx.vout.map((o) => o.scriptpubkey_address)]));
  const entity = 'Synthetic Exchange Z hot wallet, hack victim (simulated, not a real entity)';
  const members = labelRows().filter((r) => r.entity === entity && inGraph.has(r.address)).map((r) => r.address).sort();
  assert.ok(members.length > 1);
  const key = `entity:${entity}`;

  await page.click('#view-entity');
  await page.waitForSelector(`#drawn-nodes li[data-key="${key}"]`, { state: 'attached' });
  for (const member of members) assert.equal(await drawn(page, member), 0, `${member} is drawn in its entity`);
  await page.locator(`#drawn-nodes li[data-key="${key}"] button`).dispatchEvent('click');
  await page.waitForSelector(`#group-name[data-key="${key}"]`);
  const listed = await page.locator('#group-members li').evaluateAll((items) => items.map((li) => li.textContent));
  assert.deepEqual(listed, members);
  await page.screenshot({ path: path.join(app.out, 'levels-entity-group.png') });

  // Expanded: its addresses are drawn one by one, and the link says so.
  await page.click('#expand-group');
  await page.waitForSelector(`#drawn-nodes li[data-key="${members[0]}"]`, { state: 'attached' });
  assert.equal(await drawn(page, key), 0);
  const link = `${app.standIn.url}/${await settledLink(page)}`;
  const again = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  again.on('pageerror', (err) => problems.push(String(err)));
  await again.goto(link);
  await again.waitForSelector(`#drawn-nodes li[data-key="${members[0]}"]`, { state: 'attached', timeout: 30000 });
  assert.equal(await again.getAttribute('#view-entity', 'aria-pressed'), 'true');
  for (const member of members) assert.equal(await drawn(again, member), 1);
  assert.equal(await drawn(again, key), 0);
  assert.ok(await again.locator('#drawn-nodes li[data-kind="group"]').count() > 0, 'other groups stay');
  // Collapsed again: one node.
  await again.click('#collapse-groups');
  await again.waitForSelector(`#drawn-nodes li[data-key="${key}"]`, { state: 'attached' });
  assert.equal(await drawn(again, members[0]), 0);
  assert.deepEqual(problems, []);
  await again.close();
  await page.close();
});

test('the entity view draws addresses spent together as one common-input cluster', async () => {
  const labelled = new Set(labelRows().map((r) => r.address));
  // A plain payment (two outputs at most: no CoinJoin shape) spending unlabelled addresses together.
  const tx = app.chain.find((t) => t.vout.length <= 2 && inputsOf(t).length >= 2 && inputsOf(t).every((a) => !labelled.has(a)));
  assert.ok(tx, 'the simulated chain has a multi-input payment');
  const [address, ...others] = inputsOf(tx);
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  await page.goto(`${app.standIn.url}/#/btc/address/${address}`);
  await page.waitForSelector('#graph-summary[data-busy="false"]', { timeout: 30000 });
  await page.waitForSelector(`#drawn-nodes li[data-key="${address}"]`, { state: 'attached' });
  await page.click('#view-entity');
  await page.waitForSelector('#drawn-nodes li[data-kind="group"][data-key^="cluster:"]', { state: 'attached' });
  assert.equal(await drawn(page, address), 0, 'the address is drawn in its cluster');
  let members = [];
  for (const key of await page.locator('#drawn-nodes li[data-key^="cluster:"]').evaluateAll((l) => l.map((li) => li.dataset.key))) {
    await page.locator(`#drawn-nodes li[data-key="${key}"] button`).dispatchEvent('click');
    await page.waitForSelector(`#group-name[data-key="${key}"]`);
    members = await page.locator('#group-members li').evaluateAll((items) => items.map((li) => li.textContent));
    if (members.includes(address)) {
      assert.equal(key, `cluster:${members[0]}`);
      break;
    }
  }
  for (const other of [address, ...others]) assert.ok(members.includes(other), `${other} in ${members}`);
  assert.deepEqual(problems, []);
  await page.close();
});
