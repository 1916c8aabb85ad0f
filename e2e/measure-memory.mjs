// Memory of the page on a 100,000-transaction case (not a test: `scripts/measure-memory` runs it
// and prints the numbers README states). An exchange hot wallet with 100,000 payments
// (`spoor simulate --seed 9 --txs 1000 --busy-txs 100000`) is opened through a link that asks
// for all of it (the view `spoor snapshot --history-txs 100000` writes): 4,000 history pages
// from the local stand-in, then the graph, the views and the layout of ~200,000 nodes.
// Measured once the graph is whole and the layout has settled: the main wasm instance's linear
// memory (its high-water mark: linear memory never shrinks), the page's JS heap
// (performance.memory), and the proportional set size of every Chromium process (/proc); first
// for the newest 1,000 transactions, for comparison.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, loadScenario, simulateChain, startStandIn } from './support.mjs';

const { SPOOR_BIN: BIN, SPOOR_DIST: DIST } = process.env;
const DIR = process.env.SPOOR_MEMORY_CHAIN_DIR || path.join(import.meta.dirname, '..', 'target', 'memory-chain-100k');
const MiB = 1024 * 1024;

/** Proportional set size of every Chromium process (shared pages counted once), in MiB. */
function chromiumPssMiB() {
  const pids = execFileSync('ps', ['-C', 'chromium', '-o', 'pid='], { encoding: 'utf8' }).split('\n').filter(Boolean);
  let kb = 0;
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid.trim()}/smaps_rollup`, 'utf8');
      kb += Number(rollup.match(/^Pss:\s+(\d+) kB/m)?.[1] ?? 0);
    } catch { /* the process ended meanwhile */ }
  }
  return kb / 1024;
}

async function measure(page, label, seconds) {
  const numbers = await page.evaluate(() => ({
    wasm: window.spoorWasm?.memory?.buffer.byteLength ?? NaN,
    heapUsed: performance.memory.usedJSHeapSize,
    txs: Number(document.getElementById('graph-summary').dataset.txs),
    nodes: Number(document.getElementById('graph-summary').dataset.nodes),
  }));
  const row = {
    label,
    txs: numbers.txs,
    nodes: numbers.nodes,
    seconds,
    wasmMiB: Math.round(numbers.wasm / MiB),
    jsHeapMiB: Math.round(numbers.heapUsed / MiB),
    chromiumPssMiB: Math.round(chromiumPssMiB()),
  };
  console.log(JSON.stringify(row));
  return row;
}

async function open(browser, url, wantTxs) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Trunk's loader announces the wasm instance; its exports hold the linear memory.
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (event) => {
    window.spoorWasm = event.detail.wasm;
  }));
  const start = Date.now();
  await page.goto(url);
  await page.waitForFunction((want) => {
    const data = document.getElementById('graph-summary')?.dataset;
    return data && data.busy === 'false' && Number(data.txs) >= want;
  }, wantTxs, { timeout: 1_800_000, polling: 1000 });
  await page.waitForSelector('#graph-canvas[data-layout="settled"]', { timeout: 1_800_000 });
  return { page, seconds: Math.round((Date.now() - start) / 1000) };
}

await simulateChain(BIN, DIR, ['--seed', '9', '--txs', '1000', '--busy-txs', '100000']);
const scenario = loadScenario(DIR);
const busy = scenario.busy_address;
const standIn = await startStandIn({ bin: BIN, chain: path.join(DIR, 'chain.jsonl'), dist: DIST });
const casePath = path.join(DIR, 'busy.case.json');
try {
  execFileSync(BIN, ['snapshot', '--api', `${standIn.url}/api`, '--from-address', busy, '--history-txs', '100000',
    '--out', casePath], { stdio: ['ignore', 'ignore', 'inherit'] });
  const link = JSON.parse(readFileSync(casePath, 'utf8')).view;
  const browser = await launchChromium();
  try {
    const small = await open(browser, `${standIn.url}/#/btc/address/${busy}`, 1000);
    await measure(small.page, 'newest 1,000', small.seconds);
    await small.page.close();
    const big = await open(browser, `${standIn.url}/#/btc/address/${busy}?view=${link}`, 100000);
    await measure(big.page, 'all 100,000 (link)', big.seconds);
    await big.page.close();
  } finally {
    await browser.close();
  }
} finally {
  standIn.stop();
}
