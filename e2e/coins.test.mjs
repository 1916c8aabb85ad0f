// End to end: the other Zaif coins. Simulated Bitcoin Cash and Monacoin hacks are served by the
// stand-in's Blockbook API (the way their public explorers speak), opened on their own routes,
// traced to the satoshi, and shown in their own units.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { graphCounts, historyOf, launchChromium, loadChain, loadScenario, startStandIn } from './support.mjs';

const OUT = path.join(import.meta.dirname, 'out');
const coins = {};
let browser;

/** Simulates a hack on `coin` and serves it (Blockbook API under /api/v2, the app at /). */
async function serveCoin(coin, extraArgs = []) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `spoor-${coin}-`));
  execFileSync(process.env.SPOOR_BIN, ['simulate', '--coin', coin, '--seed', '4', '--txs', '300', '--out', dir], { stdio: 'ignore' });
  const standIn = await startStandIn({
    bin: process.env.SPOOR_BIN, chain: path.join(dir, 'chain.jsonl'), dist: process.env.SPOOR_DIST,
    extraArgs: ['--coin', coin, '--labels', path.join(dir, 'labels.csv'), ...extraArgs],
  });
  return { dir, standIn, chain: loadChain(path.join(dir, 'chain.jsonl')), scenario: loadScenario(dir) };
}

before(async () => {
  coins.bch = await serveCoin('bch');
  coins.mona = await serveCoin('mona', ['--no-spending-index']);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const coin of Object.values(coins)) coin.standIn.stop();
});

async function summaryRows(page) {
  return page.$$eval('#trace-summary tr[data-row]', (rows) => {
    const out = {};
    for (const row of rows) out[row.dataset.row] = (out[row.dataset.row] ?? 0) + Number(row.dataset.sats);
    return out;
  });
}

for (const [code, ticker, note] of [['bch', 'BCH', 'with a spending index'], ['mona', 'MONA', 'without a spending index']]) {
  test(`a simulated ${ticker} hack opens on /#/${code}/… and traces to the satoshi through Blockbook (${note})`, async () => {
    const { standIn, chain, scenario } = coins[code];
    const thief = scenario.thief_address;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    page.on('pageerror', (err) => problems.push(String(err)));
    const api = [];
    page.on('request', (request) => { const p = new URL(request.url()).pathname; if (p.startsWith('/api')) api.push(p); });
    await page.goto(`${standIn.url}/#/${code}/address/${thief}`);
    const expected = graphCounts(historyOf(chain, thief));
    await page.waitForSelector(`#graph-summary[data-busy="false"][data-nodes="${expected.nodes}"]`, { timeout: 60000 });
    assert.ok(api.length > 0 && api.every((p) => p.startsWith('/api/v2')), `only Blockbook paths: ${api.slice(0, 5)}`);

    const source = historyOf(chain, thief)
      .filter((tx) => !tx.vin.some((i) => i.prevout && i.prevout.scriptpubkey_address === thief))
      .flatMap((tx) => tx.vout.filter((o) => o.scriptpubkey_address === thief))
      .reduce((sum, o) => sum + o.value, 0);
    await page.click('#trace-start');
    await page.waitForSelector('#trace-summary[data-method="haircut"]', { timeout: 60000 });
    await page.waitForSelector('#graph-summary[data-busy="false"]', { timeout: 60000 });
    const rows = await summaryRows(page);
    assert.equal(rows.source, source);
    assert.equal(rows.fees + rows.unspent + (rows.entity ?? 0) + rows.frontier + rows['below-minimum'], source, JSON.stringify(rows));
    assert.ok((rows.entity ?? 0) > 0, 'some taint reaches a labelled entity of this chain');
    const summary = await page.locator('#trace-summary').textContent();
    assert.ok(summary.includes(` ${ticker}`), `amounts in the coin's unit: ${summary.slice(0, 200)}`);
    assert.ok(!summary.includes('BTC'), 'no Bitcoin unit');
    await page.screenshot({ path: path.join(OUT, `coin-${code}.png`) });
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('a Bitcoin Cash address pasted with its bitcoincash: prefix opens the same node, on the chain chosen by the address', async () => {
  const { standIn, scenario } = coins.bch;
  const page = await browser.newPage();
  await page.goto(`${standIn.url}/#/bch/address/${scenario.thief_address}`);
  await page.waitForSelector('#graph-summary[data-busy="false"][data-nodes]:not([data-nodes="0"])', { timeout: 60000 });
  const nodes = await page.locator('#graph-summary').getAttribute('data-nodes');
  await page.selectOption('#search-chain', 'btc');
  await page.fill('#search-input', `bitcoincash:${scenario.thief_address}`);
  await page.press('#search-input', 'Enter');
  await page.waitForSelector(`#graph-summary[data-busy="false"][data-nodes="${nodes}"]`);
  assert.match(new URL(page.url()).hash, new RegExp(`^#/bch/address/${scenario.thief_address}`));
  await page.close();
});

test('an unreachable Blockbook is explained with the ways that work', async () => {
  const { standIn, scenario } = coins.bch;
  const page = await browser.newPage();
  // Nothing listens on port 9: the browser sees a network failure, as with a server without CORS.
  await page.goto(`${standIn.url}/?api=http%3A%2F%2F127.0.0.1%3A9#/bch/address/${scenario.thief_address}`);
  const message = page.locator('#messages');
  await page.waitForFunction(() => /CORS/.test(document.querySelector('#messages')?.textContent ?? ''), null, { timeout: 60000 });
  const text = await message.textContent();
  assert.match(text, /self-hosted Blockbook or Esplora/);
  assert.match(text, /spoor snapshot/);
  await page.close();
});

test('one stand-in serves the three Zaif coins side by side, each route reading its own explorer', async () => {
  const { SPOOR_BIN: bin, SPOOR_DIST: dist, SPOOR_CHAIN_DIR: btcDir } = process.env;
  const btc = loadScenario(btcDir);
  const all = await startStandIn({
    bin, chain: path.join(btcDir, 'chain.jsonl'), dist,
    extraArgs: ['--also-chain', `bch=${path.join(coins.bch.dir, 'chain.jsonl')}`,
      '--also-chain', `mona=${path.join(coins.mona.dir, 'chain.jsonl')}`],
  });
  try {
    const config = await (await fetch(`${all.url}/config.json`)).json();
    assert.deepEqual(config.explorers, {
      btc: '/api', bch: { kind: 'blockbook', url: '/bch' }, mona: { kind: 'blockbook', url: '/mona' },
    });
    for (const [code, scenario, prefix] of [['btc', btc, '/api/'], ['bch', coins.bch.scenario, '/bch/api/v2'], ['mona', coins.mona.scenario, '/mona/api/v2']]) {
      const page = await browser.newPage();
      const api = [];
      page.on('request', (request) => { const p = new URL(request.url()).pathname; if (p.includes('/api')) api.push(p); });
      await page.goto(`${all.url}/#/${code}/address/${scenario.thief_address}`);
      await page.waitForSelector('#graph-summary[data-busy="false"][data-nodes]:not([data-nodes="0"])', { timeout: 60000 });
      assert.ok(api.length > 0 && api.every((p) => p.startsWith(prefix)), `${code} reads ${prefix}: ${api.slice(0, 4)}`);
      await page.close();
    }
  } finally {
    all.stop();
  }
});
