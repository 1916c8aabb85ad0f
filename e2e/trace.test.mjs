// End to end: a taint trace in the app, from the simulated thief, against the stand-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { settledLink, startStandIn, historyOf, spendersOf, useAppUnderTest } from './support.mjs';

const app = useAppUnderTest({ extraArgs: (dir) => ['--labels', path.join(dir, 'labels.csv')] });
const OUT = app.out;

/** Sats of each summary row, by row id (entities summed). */
async function summaryRows(page) {
  return page.$$eval('#trace-summary tr[data-row]', (rows) => {
    const out = {};
    for (const row of rows) out[row.dataset.row] = (out[row.dataset.row] ?? 0) + Number(row.dataset.sats);
    return out;
  });
}

test('tracing the thief accounts for every stolen satoshi and switches method without refetching', async () => {
  const thief = app.scenario.thief_address;
  // Source: outputs paying the thief in transactions that do not spend the thief's own coins.
  const source = historyOf(app.chain, thief)
    .filter((tx) => !tx.vin.some((i) => i.prevout && i.prevout.scriptpubkey_address === thief))
    .flatMap((tx) => tx.vout.filter((o) => o.scriptpubkey_address === thief))
    .reduce((sum, o) => sum + o.value, 0);

  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  let apiRequests = 0;
  page.on('request', (request) => { if (request.url().includes('/api/')) apiRequests += 1; });
  await page.goto(`${app.standIn.url}/#/btc/address/${thief}`);
  await page.waitForSelector('#graph-summary[data-busy="false"][data-nodes]:not([data-nodes="0"])');
  await page.click('#trace-start');
  await page.waitForSelector('#trace-summary[data-method="haircut"]', { timeout: 60000 });
  await page.waitForSelector('#graph-summary[data-busy="false"]');

  const haircut = await summaryRows(page);
  assert.equal(haircut.source, source);
  const accounted = haircut.fees + haircut.unspent + (haircut.entity ?? 0) + haircut.frontier + haircut['below-minimum'];
  assert.equal(accounted, source, `haircut rows add up: ${JSON.stringify(haircut)}`);
  assert.ok((haircut.entity ?? 0) > 0, 'some taint reaches a labelled entity');
  await page.screenshot({ path: path.join(OUT, 'trace-haircut.png') });

  const requestsAfterTrace = apiRequests;
  await page.getByLabel('FIFO').check();
  await page.waitForSelector('#trace-summary[data-method="fifo"]');
  const fifo = await summaryRows(page);
  assert.equal(fifo.source, source);
  assert.equal(fifo.fees + fifo.unspent + (fifo.entity ?? 0) + fifo.frontier + fifo['below-minimum'], source);

  await page.getByLabel('Poison').check();
  await page.waitForSelector('#trace-summary[data-method="poison"][data-conserves="false"]');
  assert.equal(apiRequests, requestsAfterTrace, 'switching method fetched nothing');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Stop ends a running trace and keeps what it has', async () => {
  const slow = await startStandIn({
    bin: process.env.SPOOR_BIN, chain: path.join(app.chainDir, 'chain.jsonl'), dist: process.env.SPOOR_DIST,
    extraArgs: ['--latency-ms', '400'],
  });
  try {
    const page = await app.browser.newPage();
    await page.goto(`${slow.url}/#/btc/address/${app.scenario.thief_address}`);
    await page.waitForSelector('#graph-summary[data-busy="false"][data-nodes]:not([data-nodes="0"])', { timeout: 60000 });
    await page.click('#trace-start');
    await page.click('#trace-cancel');
    await page.waitForSelector('#graph-summary[data-busy="false"]', { timeout: 30000 });
    // The stopped trace still reports, and says that lookups were cancelled.
    await page.waitForSelector('#trace-summary');
    assert.match(await page.locator('#messages').textContent(), /cancelled/);
    // The page is still usable: a new trace runs to the end.
    await page.click('#trace-start');
    await page.waitForSelector('#graph-summary[data-busy="true"]');
    await page.waitForSelector('#graph-summary[data-busy="false"]', { timeout: 120000 });
    assert.equal(await page.locator('#messages .error').count(), 0);
    await page.close();
  } finally {
    slow.stop();
  }
});

test('confirmed transactions are kept across reloads, so expanding again fetches none of them', async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const txRequests = [];
  page.on('request', (request) => { if (/\/api\/tx\/[0-9a-f]{64}$/.test(request.url())) txRequests.push(request.url()); });
  const expandInputs = async () => {
    await page.goto(`${app.standIn.url}/#/btc/tx/${app.scenario.theft_txid}`);
    await page.waitForSelector('#graph-summary[data-busy="false"][data-txs="1"]');
    await page.locator(`#drawn-nodes li[data-key="${app.scenario.theft_txid}"] button`).dispatchEvent('click');
    await page.getByRole('button', { name: '← Where inputs came from' }).click();
    try {
      await page.waitForFunction(() => Number(document.querySelector('#graph-summary').dataset.txs) > 1
        && document.querySelector('#graph-summary').dataset.busy === 'false', null, { timeout: 90000 });
    } catch (err) {
      const state = await page.locator('#graph-summary').evaluate((e) => JSON.stringify(e.dataset));
      throw new Error(`${err.message}; summary ${state}; messages: ${await page.locator('#messages').textContent()}; progress: ${await page.locator('#progress').textContent()}; panic: ${await page.locator('#panic').textContent()}`);
    }
  };
  await expandInputs();
  assert.ok(txRequests.length > 1, `first visit fetched ${txRequests.length} txs`);
  txRequests.length = 0;
  // A fresh load of the plain link (a reload would reopen the expansion from the address bar's view).
  await page.goto('about:blank');
  await expandInputs();
  assert.deepEqual(txRequests, [], 'the second visit was served from localStorage');
  await context.close();
});

test('the address bar carries the view: a reload reopens the same layout, expansion and trace', async () => {
  const thief = app.scenario.thief_address;
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  await page.goto(`${app.standIn.url}/#/btc/address/${thief}`);
  await page.waitForSelector('#graph-summary[data-busy="false"][data-nodes]:not([data-nodes="0"])');
  // The target and the block the view is pinned to (the tip when it opened).
  assert.match(new URL(page.url()).hash, new RegExp(`^#/btc/address/${thief}\\?view=v1\\.[A-Za-z0-9_-]+$`));
  assert.match(await page.locator('#source-note').textContent(), new RegExp(`pinned at block ${app.scenario.tip_height.toLocaleString('en-US')}`));
  await page.click('#layout-hops');
  const outgoing = app.scenario.thief_outgoing_txids.find((txid) => spendersOf(app.chain, txid).length > 0);
  await page.locator(`#drawn-nodes li[data-key="${outgoing}"] button`).dispatchEvent('click');
  await page.getByRole('button', { name: 'Where outputs went →' }).click();
  await page.waitForSelector('#graph-summary[data-busy="false"]');
  await page.getByLabel('FIFO').check();
  await page.click('#trace-start');
  await page.waitForSelector('#trace-summary[data-method="fifo"]', { timeout: 60000 });
  await page.waitForSelector('#graph-summary[data-busy="false"]');
  // Zoom in; once the camera rests, the link carries it.
  const box = await page.locator('#graph-canvas').boundingBox();
  const hashBeforeZoom = new URL(page.url()).hash;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((h) => window.location.hash !== h, hashBeforeZoom, { timeout: 10000 });
  // The camera and the drawn positions are reported as each comes to rest: take the link once both have.
  await settledLink(page);
  const zoom = Number(await page.locator('#graph-canvas').getAttribute('data-zoom'));
  const before = await page.locator('#graph-summary').evaluate((e) => ({ ...e.dataset }));
  const rows = await summaryRows(page);
  const hash = new URL(page.url()).hash;
  assert.match(hash, new RegExp(`^#/btc/address/${thief}\\?view=v1\\.[A-Za-z0-9_-]+$`));

  await page.reload();
  await page.waitForSelector('#trace-summary[data-method="fifo"]', { timeout: 60000 });
  await page.waitForSelector(`#graph-summary[data-busy="false"][data-nodes="${before.nodes}"]`, { timeout: 60000 });
  assert.equal(await page.locator('#layout-hops').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await summaryRows(page), rows, 'the same trace, to the satoshi');
  await page.waitForSelector(`#side-panel :text("${outgoing}")`);
  const reopenedZoom = Number(await page.locator('#graph-canvas').getAttribute('data-zoom'));
  assert.ok(Math.abs(reopenedZoom / zoom - 1) < 0.002, `zoom ${zoom} reopened as ${reopenedZoom}`);
  assert.equal(new URL(page.url()).hash, hash, 'the reopened view writes the same link');

  // A damaged view is explained, and the target still opens.
  await page.goto(`${app.standIn.url}/#/btc/address/${thief}?view=v1.${'A'.repeat(40)}`);
  await page.reload();
  const message = await page.locator('#messages .error').first().textContent();
  assert.match(message, /saved view could not be restored/);
  await page.waitForSelector('#graph-summary[data-busy="false"][data-nodes]:not([data-nodes="0"])');
  assert.deepEqual(problems, []);
  await page.close();
});
