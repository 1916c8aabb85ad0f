// Shared helpers for the end-to-end tests: the stand-in process, Chromium, and the expected
// graph counts computed independently from the chain file (the same rules as src/flow).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Starts `spoor serve-chain --port 0` and resolves with { url, stop } once it prints its port. */
export function startStandIn({ bin, chain, dist, extraArgs = [] }) {
  const child = spawn(bin, ['serve-chain', '--chain', chain, '--port', '0', '--static', dist, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error('stand-in did not start')); }, 15000);
    child.on('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], stop: () => child.kill() });
      }
    });
  });
}

/** Headless Debian Chromium with a fresh profile. */
export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** The facts `spoor simulate` wrote beside a chain (thief address, theft txid, …). */
export function loadScenario(dir) {
  return JSON.parse(readFileSync(path.join(dir, 'scenario.json'), 'utf8'));
}

export function loadChain(path) {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** Transactions in which an address appears (inputs' prevouts or outputs). */
export function historyOf(txs, address) {
  return txs.filter((tx) => tx.vout.some((o) => o.scriptpubkey_address === address)
    || tx.vin.some((i) => i.prevout && i.prevout.scriptpubkey_address === address));
}

/** Transactions that spend any output of `txid`. */
export function spendersOf(txs, txid) {
  return txs.filter((tx) => tx.vin.some((i) => i.txid === txid && !i.is_coinbase));
}

/**
 * Node and edge counts of the flow graph of a set of transactions: one node per tx and per
 * address; parallel edges merged (address→tx for inputs, tx→address for outputs); scripts
 * without an address make no node and no edge.
 */
export function graphCounts(txs) {
  const byId = new Map(txs.map((tx) => [tx.txid, tx]));
  const addresses = new Set();
  const edges = new Set();
  for (const tx of byId.values()) {
    for (const input of tx.vin) {
      const address = input.prevout && input.prevout.scriptpubkey_address;
      if (address) { addresses.add(address); edges.add(`in ${address} ${tx.txid}`); }
    }
    for (const output of tx.vout) {
      if (output.scriptpubkey_address) {
        addresses.add(output.scriptpubkey_address);
        edges.add(`out ${tx.txid} ${output.scriptpubkey_address}`);
      }
    }
  }
  return { nodes: byId.size + addresses.size, edges: edges.size, txs: byId.size, addresses: addresses.size };
}

/**
 * A simulated chain in `dir` (`spoor simulate … --out dir`), made unless `dir/scenario.json`
 * exists already; resolves with `dir`.
 */
export function simulateChain(bin, dir, args) {
  if (existsSync(path.join(dir, 'scenario.json'))) return Promise.resolve(dir);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['simulate', ...args, '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolve(dir) : reject(new Error(`spoor simulate exited with ${code}`))));
  });
}

/**
 * Runs in the page: samples requestAnimationFrame for `ms` milliseconds and returns the gaps
 * between frames (the longest gap is how long the main thread was unable to paint).
 */
export function sampleFrameGaps(page, ms) {
  return page.evaluate((duration) => new Promise((resolve) => {
    const gaps = [];
    let last = performance.now();
    const start = last;
    const frame = (now) => {
      gaps.push(now - last);
      last = now;
      if (now - start < duration) requestAnimationFrame(frame); else resolve(gaps);
    };
    requestAnimationFrame(frame);
  }), ms);
}

/**
 * Registers node:test hooks for a test file against the built app: the stand-in on the test chain
 * (`SPOOR_CHAIN_DIR`, serving `SPOOR_DIST`, with `extraArgs(chainDir, scenario)`) and one Chromium,
 * both stopped after the file's tests. The returned object's `standIn`, `browser`, `chain`,
 * `scenario` and `chainDir` are set once the hooks have run; screenshots go to `out`. With
 * `simulated: { env, dir, args }` the chain is its own (`spoor simulate args` into `$env`, else
 * `target/<dir>`), made unless it exists.
 */
export function useAppUnderTest({ extraArgs = () => [], simulated = null } = {}) {
  const app = { out: path.join(import.meta.dirname, 'out') };
  before(async () => {
    const { SPOOR_BIN: bin, SPOOR_DIST: dist, SPOOR_CHAIN_DIR: testChain } = process.env;
    assert.ok(bin && dist && testChain, 'run through scripts/test.sh (SPOOR_BIN, SPOOR_DIST, SPOOR_CHAIN_DIR)');
    mkdirSync(app.out, { recursive: true });
    let dir = testChain;
    if (simulated) {
      dir = process.env[simulated.env] || path.join(import.meta.dirname, '..', 'target', simulated.dir);
      await simulateChain(bin, dir, simulated.args);
    }
    app.chainDir = dir;
    app.chain = loadChain(path.join(dir, 'chain.jsonl'));
    app.scenario = loadScenario(dir);
    app.standIn = await startStandIn({
      bin, chain: path.join(dir, 'chain.jsonl'), dist, extraArgs: extraArgs(dir, app.scenario),
    });
    app.browser = await launchChromium();
  });
  after(async () => {
    await app.browser?.close();
    app.standIn?.stop();
  });
  return app;
}

/** Waits until the layout rests and the address bar has not changed for a while. */
export async function settledLink(page) {
  await page.waitForSelector('#graph-summary[data-busy="false"]');
  await page.waitForSelector('#graph-canvas[data-layout="settled"]', { timeout: 30000 });
  let hash = '';
  for (let stable = 0; stable < 4;) {
    await page.waitForTimeout(300);
    const now = new URL(page.url()).hash;
    stable = now === hash ? stable + 1 : 0;
    hash = now;
  }
  return hash;
}
