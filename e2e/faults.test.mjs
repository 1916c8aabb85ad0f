// End to end: faults survived with nothing lost. The stand-in answers a fifth of the API requests
// with 5xx, sheds load in bursts of 429 with Retry-After, answers some only after the app's
// request timeout (config.json's request_timeout_ms), cuts some JSON bodies off and sends some
// that are not JSON. A haircut trace from the thief must end with exactly the graph and the
// summary of the same trace against a stand-in without faults; the status bar shows the retries
// while it runs; Stop, then "Trace from here" again, resumes and ends the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startStandIn, useAppUnderTest } from './support.mjs';

const FAULTS = [
  '--fail-rate', '0.2', '--burst-429', '500/4000', '--slow-rate', '0.05', '--slow-ms', '2500',
  '--truncate-rate', '0.05', '--malformed-rate', '0.05', '--seed', '3', '--request-timeout-ms', '1000',
];
const labelsOf = (dir) => ['--labels', path.join(dir, 'labels.csv')];
const app = useAppUnderTest({ extraArgs: (dir) => [...labelsOf(dir), ...FAULTS] });

/** The same chain and labels without faults: what every faulty run must end with. */
let clean;
before(async () => {
  clean = await startStandIn({
    bin: process.env.SPOOR_BIN, chain: path.join(app.chainDir, 'chain.jsonl'), dist: process.env.SPOOR_DIST,
    extraArgs: labelsOf(app.chainDir),
  });
});
after(() => clean?.stop());

/** Everything the page says about the graph and the trace. */
async function shown(page) {
  const graph = await page.locator('#graph-summary').evaluate((e) => ({
    nodes: e.dataset.nodes, edges: e.dataset.edges, txs: e.dataset.txs, addresses: e.dataset.addresses,
  }));
  const rows = await page.$$eval('#trace-summary tr[data-row]', (trs) => trs.map((tr) => ({
    row: tr.dataset.row, sats: tr.dataset.sats, name: tr.querySelector('th').textContent,
  })));
  const totals = await page.locator('#trace-summary p.muted').textContent();
  return { graph, rows, totals };
}

/** Counts the largest "N retries" the status bar shows from now on. */
function watchRetries(page) {
  return page.evaluate(() => {
    window.spoorMostRetries = 0;
    const progress = document.querySelector('#progress');
    const read = () => {
      const match = progress.textContent.match(/(\d+) retries/);
      if (match) window.spoorMostRetries = Math.max(window.spoorMostRetries, Number(match[1]));
    };
    new MutationObserver(read).observe(progress, { subtree: true, childList: true, characterData: true });
  });
}

async function openThief(page, url) {
  await page.goto(`${url}/#/btc/address/${app.scenario.thief_address}`);
  await page.waitForSelector('#graph-summary[data-busy="false"][data-nodes]:not([data-nodes="0"])', { timeout: 30000 });
}

/**
 * Presses "Trace from here" and waits for the trace to end. A lookup that failed after all its
 * retries leaves "N failed lookups" in the summary: the reader presses it again, which resumes
 * the trace (the runs needed are returned).
 */
async function trace(page) {
  for (let run = 1; run <= 3; run += 1) {
    await page.click('#trace-start');
    await page.waitForSelector('#graph-summary[data-busy="true"]', { timeout: 10000 }).catch(() => {});
    await page.waitForSelector('#trace-summary[data-method="haircut"]', { timeout: 60000 });
    await page.waitForSelector('#graph-summary[data-busy="false"]', { timeout: 60000 });
    if (/ 0 failed lookups/.test(await page.locator('#trace-summary p.muted').textContent())) return run;
  }
  throw new Error(`the trace still has failed lookups: ${await page.locator('#messages').textContent()}`);
}

let expected;
test('a trace without faults, for comparison', async () => {
  const page = await app.browser.newPage();
  await openThief(page, clean.url);
  assert.equal(await trace(page), 1);
  expected = await shown(page);
  assert.ok(expected.rows.some((r) => r.row === 'entity'), 'the trace reaches a labelled entity');
  await page.close();
});

test('through 5xx, 429 bursts, timeouts, truncated and malformed JSON the trace ends exactly the same', async () => {
  const page = await app.browser.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  const failures = { status: 0, timedOut: 0 };
  page.on('response', (response) => { if (response.url().includes('/api/') && response.status() >= 429) failures.status += 1; });
  page.on('requestfailed', (request) => { if (request.url().includes('/api/')) failures.timedOut += 1; });
  const started = Date.now();
  await openThief(page, app.standIn.url);
  await watchRetries(page);
  const runs = await trace(page);
  const actual = await shown(page);
  assert.deepEqual(actual, expected, 'the same graph and the same summary, to the satoshi');
  const retries = await page.evaluate(() => window.spoorMostRetries);
  assert.ok(retries > 0, 'the status bar showed the retries');
  assert.ok(failures.status > 0 && failures.timedOut > 0, `faults happened: ${JSON.stringify(failures)}`);
  assert.equal(await page.locator('#messages .error').count(), 0);
  assert.deepEqual(problems, []);
  console.log(`faulty trace: ${runs} run(s), status bar showed up to ${retries} retries, `
    + `${failures.status} error replies, ${failures.timedOut} requests aborted, ${Date.now() - started} ms`);
  await page.close();
});

test('Stop, then trace again: it resumes without asking again what it had, and ends the same', async () => {
  const page = await app.browser.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  // Transaction lookups answered with whole JSON, and those asked after Stop.
  const answered = new Set();
  let askedAfterStop = null;
  page.on('response', async (response) => {
    const url = response.url();
    if (!/\/api\/tx\/[0-9a-f]{64}/.test(url) || response.status() !== 200) return;
    try { JSON.parse(await response.text()); answered.add(url); } catch { /* cut off or not JSON */ }
  });
  page.on('request', (request) => { if (askedAfterStop && request.url().includes('/api/tx/')) askedAfterStop.push(request.url()); });
  await openThief(page, app.standIn.url);
  await page.click('#trace-start');
  // Let a few lookups finish, then stop.
  await page.waitForFunction(() => Number(document.querySelector('#progress progress')?.value ?? 0) >= 4, null, { timeout: 30000 });
  await page.click('#trace-cancel');
  await page.waitForSelector('#graph-summary[data-busy="false"]', { timeout: 30000 });
  await page.waitForSelector('#trace-summary');
  assert.match(await page.locator('#messages').textContent(), /cancelled/);
  const stopped = await shown(page);
  assert.notDeepEqual(stopped, expected, 'the stopped trace is partial');
  const answeredBeforeStop = new Set(answered);
  assert.ok(answeredBeforeStop.size > 0, 'some lookups were answered before Stop');

  askedAfterStop = [];
  const runs = await trace(page);
  assert.deepEqual(await shown(page), expected, 'resumed, the same graph and summary');
  const again = askedAfterStop.filter((url) => answeredBeforeStop.has(url));
  assert.deepEqual(again, [], 'nothing answered before Stop was asked again');
  assert.deepEqual(problems, []);
  console.log(`resume: ${answeredBeforeStop.size} lookups kept from before Stop, ${askedAfterStop.length} asked after it, ${runs} run(s)`);
  await page.close();
});
