// End to end: the address-level view of a selected address — one aggregated flow per
// counterparty, opening to exactly the transactions it sums, each of which selects its node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { graphCounts, historyOf, useAppUnderTest } from './support.mjs';

const app = useAppUnderTest();

test('an address lists its counterparties, and each flow lists the transactions it sums', async () => {
  const thief = app.scenario.thief_address;
  const history = historyOf(app.chain, thief);
  const expected = graphCounts(history);
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  await page.goto(`${app.standIn.url}/#/btc/address/${thief}`);
  await page.waitForSelector(`#graph-summary[data-nodes="${expected.nodes}"][data-busy="false"]`, { timeout: 30000 });
  await page.locator(`#drawn-nodes li[data-key="${thief}"] button`).dispatchEvent('click');
  const flows = page.locator('#side-panel details.address-flow');
  await flows.first().waitFor();

  const sends = (tx, address) => tx.vin.some((i) => i.prevout && i.prevout.scriptpubkey_address === address);
  const pays = (tx, address) => tx.vout.some((o) => o.scriptpubkey_address === address);
  const counterparties = new Set();
  for (const tx of history) {
    const ins = tx.vin.map((i) => i.prevout && i.prevout.scriptpubkey_address).filter(Boolean);
    const outs = tx.vout.map((o) => o.scriptpubkey_address).filter(Boolean);
    if (ins.includes(thief)) outs.filter((a) => a !== thief).forEach((a) => counterparties.add(a));
    if (outs.includes(thief)) ins.filter((a) => a !== thief).forEach((a) => counterparties.add(a));
  }
  assert.equal(await flows.count(), Math.min(counterparties.size, 500));

  const first = flows.first();
  const other = await first.getAttribute('data-counterparty');
  const txids = history
    .filter((tx) => (sends(tx, thief) && pays(tx, other)) || (sends(tx, other) && pays(tx, thief)))
    .map((tx) => tx.txid).sort();
  await first.locator('summary').click();
  const shown = await first.locator('.flow-txs button').evaluateAll((buttons) => buttons.map((b) => b.title));
  assert.deepEqual(shown, txids);
  await page.screenshot({ path: path.join(app.out, 'views-counterparties.png') });
  await first.locator('.flow-txs button').first().click();
  await page.waitForSelector(`#side-panel h2:text("Transaction")`);
  assert.match(await page.locator('#side-panel').textContent(), new RegExp(txids[0]));
  assert.deepEqual(problems, []);
  await page.close();
});
