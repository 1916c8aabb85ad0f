// End to end: a huge address is paged. An exchange hot wallet with 2,500 payments
// (`spoor simulate --seed 5 --txs 600 --busy-txs 2500`) opens with its newest 1,000 transactions;
// "Load 1,000 more" in its panel adds the next page each time until the history is complete; the
// link written after two pages reopens with exactly those 2,000, and goes on from there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { historyOf, graphCounts, settledLink, useAppUnderTest } from './support.mjs';

const app = useAppUnderTest({
  simulated: {
    env: 'SPOOR_BUSY_CHAIN_DIR', dir: 'test-chain-busy', args: ['--seed', '5', '--txs', '600', '--busy-txs', '2500'],
  },
});

const txCount = (page) => page.locator('#graph-summary').evaluate((e) => Number(e.dataset.txs));

async function loaded(page, text) {
  await page.waitForFunction((want) => {
    const state = document.getElementById('history-state');
    const busy = document.getElementById('graph-summary')?.dataset.busy;
    return state && busy === 'false' && state.textContent.includes(want);
  }, text, { timeout: 60000 });
}

test('a busy address loads 1,000 transactions at a time and a link replays the pages loaded', { timeout: 240000 }, async () => {
  const busy = app.scenario.busy_address;
  const history = historyOf(app.chain, busy);
  assert.equal(history.length, 2500);
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  await page.goto(`${app.standIn.url}/?lang=en#/btc/address/${busy}`);
  await page.waitForSelector('#graph-summary[data-busy="false"]', { timeout: 60000 });
  await page.locator(`#drawn-nodes li[data-key="${busy}"] button`).dispatchEvent('click');
  await loaded(page, 'newest 1,000 transactions loaded');
  assert.equal(await txCount(page), 1000);
  // The panel lists the first 500 and says how many more there are.
  assert.equal(await page.locator('#side-panel table.tx-list tbody tr').count(), 500);
  assert.match(await page.locator('#side-panel p.more').textContent(), /and 500 more transactions/);
  assert.equal(await page.textContent('#load-history'), 'Load 1,000 more transactions');

  await page.click('#load-history');
  await loaded(page, 'newest 2,000 transactions loaded');
  assert.equal(await txCount(page), 2000);
  const notes = () => page.locator('li.note', { hasText: 'Only the newest' }).allTextContents();
  assert.deepEqual(await notes(), [`Only the newest 2,000 transactions of ${busy} are loaded; its panel loads more.`]);
  const link = await settledLink(page);
  assert.match(link, /\?view=v1\./);
  await page.screenshot({ path: path.join(app.out, 'limits-2000.png') });

  await page.click('#load-history');
  await loaded(page, 'full history loaded');
  assert.equal(await page.locator('#load-history').count(), 0);
  assert.deepEqual(await notes(), [], 'the history is whole: no note says otherwise');
  const whole = graphCounts(history);
  await page.waitForSelector(`#graph-summary[data-nodes="${whole.nodes}"][data-edges="${whole.edges}"]`);
  assert.equal(await txCount(page), 2500);

  // The link written at 2,000 shows 2,000 (the reader asks for the rest).
  const reader = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  reader.on('pageerror', (err) => problems.push(String(err)));
  await reader.goto(`${app.standIn.url}/?lang=de${link}`);
  await reader.waitForSelector('#graph-summary[data-busy="false"]', { timeout: 60000 });
  await reader.locator(`#drawn-nodes li[data-key="${busy}"] button`).dispatchEvent('click');
  await loaded(reader, 'neueste 2.000 Transaktionen geladen');
  assert.equal(await txCount(reader), 2000);
  assert.equal(await reader.textContent('#load-history'), '1.000 weitere Transaktionen laden');
  await reader.click('#load-history');
  await loaded(reader, 'vollständiger Verlauf geladen');
  await reader.waitForSelector(`#graph-summary[data-nodes="${whole.nodes}"][data-edges="${whole.edges}"]`);
  assert.deepEqual(problems, []);
  await reader.close();
  await page.close();
});
