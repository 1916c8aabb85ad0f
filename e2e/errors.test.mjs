// End to end: what the reader sees when the data or the explorer is wrong. Each test starts its
// own stand-in so it can break it on purpose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStandIn, launchChromium, loadChain, graphCounts, loadScenario } from './support.mjs';

const BIN = process.env.SPOOR_BIN;
const DIST = process.env.SPOOR_DIST;
const CHAIN_DIR = process.env.SPOOR_CHAIN_DIR;
const OUT = path.join(import.meta.dirname, 'out');

let browser;
let scenario;
before(async () => {
  assert.ok(BIN && DIST && CHAIN_DIR, 'run through scripts/test.sh');
  scenario = loadScenario(CHAIN_DIR);
  browser = await launchChromium();
});
after(async () => { await browser?.close(); });

async function withStandIn(chainPath, extraArgs, body) {
  const standIn = await startStandIn({ bin: BIN, chain: chainPath, dist: DIST, extraArgs });
  try { await body(standIn.url); } finally { standIn.stop(); }
}

async function firstError(page) {
  const error = page.locator('#messages .error').first();
  await error.waitFor({ timeout: 30000 });
  return error.textContent();
}

test('an explorer reply whose inputs do not equal outputs plus fee is flagged in words', async () => {
  // Tamper with the theft tx's fee in a copy of the chain file: the stand-in serves lines as they are.
  const dir = mkdtempSync(path.join(tmpdir(), 'spoor-e2e-'));
  const lines = readFileSync(path.join(CHAIN_DIR, 'chain.jsonl'), 'utf8').split('\n').filter(Boolean);
  const tampered = lines.map((line) => {
    const tx = JSON.parse(line);
    if (tx.txid !== scenario.theft_txid) return line;
    tx.fee += 1000;
    return JSON.stringify(tx);
  });
  const chainPath = path.join(dir, 'chain.jsonl');
  writeFileSync(chainPath, `${tampered.join('\n')}\n`);
  await withStandIn(chainPath, [], async (url) => {
    const page = await browser.newPage();
    await page.goto(`${url}/#/btc/tx/${scenario.theft_txid}`);
    const warning = page.locator('#messages .warning').first();
    await warning.waitFor({ timeout: 30000 });
    assert.match(await warning.textContent(), /does not add up.*inputs .* ≠ outputs/);
    const theft = loadChain(chainPath).find((tx) => tx.txid === scenario.theft_txid);
    assert.equal(await page.locator('#graph-summary').getAttribute('data-nodes'), String(graphCounts([theft]).nodes));
    await page.screenshot({ path: path.join(OUT, 'conservation-warning.png') });
    await page.close();
  });
});

test('an unknown transaction is reported as not found', async () => {
  await withStandIn(path.join(CHAIN_DIR, 'chain.jsonl'), [], async (url) => {
    const page = await browser.newPage();
    await page.goto(`${url}/#/btc/tx/${'ab'.repeat(32)}`);
    assert.match(await firstError(page), /no record of/);
    await page.close();
  });
});

test('an explorer that cannot be reached is reported, not a blank page', async () => {
  await withStandIn(path.join(CHAIN_DIR, 'chain.jsonl'), [], async (url) => {
    const page = await browser.newPage();
    // Port 9 (discard) has no listener on the test machine: every fetch fails before any HTTP status.
    await page.goto(`${url}/?api=${encodeURIComponent('http://127.0.0.1:9/api')}#/btc/address/${scenario.thief_address}`);
    assert.match(await firstError(page), /could not reach the explorer/);
    await page.close();
  });
});

test('a rate-limited explorer is retried until the graph is complete', async () => {
  await withStandIn(path.join(CHAIN_DIR, 'chain.jsonl'), ['--rate-limit', '5/s'], async (url) => {
    const page = await browser.newPage();
    const theftCount = graphCounts(loadChain(path.join(CHAIN_DIR, 'chain.jsonl'))
      .filter((tx) => tx.txid === scenario.theft_txid));
    await page.goto(`${url}/#/btc/tx/${scenario.theft_txid}`);
    // Press "where inputs came from": one request per funding tx, far above 5 per second.
    await page.locator(`#drawn-nodes li[data-key="${scenario.theft_txid}"] button`).dispatchEvent('click');
    await page.waitForSelector(`#graph-summary[data-nodes="${theftCount.nodes}"]`);
    await page.getByRole('button', { name: '← Where inputs came from' }).click();
    await page.waitForFunction(
      (n) => Number(document.querySelector('#graph-summary').dataset.nodes) > n
        && document.querySelector('#graph-summary').dataset.busy === 'false',
      theftCount.nodes, { timeout: 120000 },
    );
    assert.equal(await page.locator('#messages .error').count(), 0);
    await page.close();
  });
});
