// The explorer stand-in as Chromium uses it: many concurrent fetches must all be answered.
// (With tiny_http, about 1 fetch in 80 never got an answer; this guards the replacement.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startStandIn, launchChromium, loadChain } from './support.mjs';

const BIN = process.env.SPOOR_BIN;
const DIST = process.env.SPOOR_DIST;
const CHAIN_DIR = process.env.SPOOR_CHAIN_DIR;

test('the stand-in answers every one of 240 fetches made 8 at a time by Chromium', async () => {
  assert.ok(BIN && DIST && CHAIN_DIR, 'run through scripts/test.sh');
  const chainPath = path.join(CHAIN_DIR, 'chain.jsonl');
  const txids = loadChain(chainPath).map((tx) => tx.txid).slice(0, 240);
  const standIn = await startStandIn({ bin: BIN, chain: chainPath, dist: DIST, extraArgs: ['--latency-ms', '20'] });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${standIn.url}/config.json`);
    const result = await page.evaluate(async (ids) => {
      const outcome = { ok: 0, unanswered: 0, wrong: 0 };
      const one = async (txid) => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 5000);
        try {
          const reply = await fetch(`/api/tx/${txid}`, { signal: controller.signal });
          const tx = await reply.json();
          if (reply.status === 200 && tx.txid === txid) outcome.ok += 1; else outcome.wrong += 1;
        } catch {
          outcome.unanswered += 1;
        } finally {
          clearTimeout(timer);
        }
      };
      for (let i = 0; i < ids.length; i += 8) await Promise.all(ids.slice(i, i + 8).map(one));
      return outcome;
    }, txids);
    assert.deepEqual(result, { ok: txids.length, unanswered: 0, wrong: 0 });
  } finally {
    await browser.close();
    standIn.stop();
  }
});
