// End to end: a taint trace in the app, from the simulated thief, against the stand-in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startStandIn, launchChromium, loadChain, historyOf } from './support.mjs';

const BIN = process.env.SPOOR_BIN;
const DIST = process.env.SPOOR_DIST;
const CHAIN_DIR = process.env.SPOOR_CHAIN_DIR;
const OUT = path.join(import.meta.dirname, 'out');

let standIn;
let browser;
let chain;
let scenario;

before(async () => {
  assert.ok(BIN && DIST && CHAIN_DIR, 'run through scripts/test.sh');
  chain = loadChain(path.join(CHAIN_DIR, 'chain.jsonl'));
  scenario = JSON.parse(readFileSync(path.join(CHAIN_DIR, 'scenario.json'), 'utf8'));
  standIn = await startStandIn({
    bin: BIN, chain: path.join(CHAIN_DIR, 'chain.jsonl'), dist: DIST,
    extraArgs: ['--labels', path.join(CHAIN_DIR, 'labels.csv')],
  });
  browser = await launchChromium();
});
after(async () => { await browser?.close(); standIn?.stop(); });

/** Sats of each summary row, by row id (entities summed). */
async function summaryRows(page) {
  return page.$$eval('#trace-summary tr[data-row]', (rows) => {
    const out = {};
    for (const row of rows) out[row.dataset.row] = (out[row.dataset.row] ?? 0) + Number(row.dataset.sats);
    return out;
  });
}

test('tracing the thief accounts for every stolen satoshi and switches method without refetching', async () => {
  const thief = scenario.thief_address;
  // Source: outputs paying the thief in transactions that do not spend the thief's own coins.
  const source = historyOf(chain, thief)
    .filter((tx) => !tx.vin.some((i) => i.prevout && i.prevout.scriptpubkey_address === thief))
    .flatMap((tx) => tx.vout.filter((o) => o.scriptpubkey_address === thief))
    .reduce((sum, o) => sum + o.value, 0);

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  let apiRequests = 0;
  page.on('request', (request) => { if (request.url().includes('/api/')) apiRequests += 1; });
  await page.goto(`${standIn.url}/#/btc/address/${thief}`);
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
