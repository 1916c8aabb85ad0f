// Runs the layout benchmark protocol (../shared/docs/benchmark.md) on the page assembled in
// target/bench: serves it on 127.0.0.1, drives headless Debian Chromium with playwright-core,
// measures main-thread CPU per block with CDP Performance.getMetrics (ThreadTime), prints the
// tables and writes target/bench/layout.json.
//
// Usage: node scripts/bench-layout.d/run.mjs <bench dir> [sizes, e.g. 1000,10000,50000,100000]
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join, normalize, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { chromium } = createRequire(join(root, 'e2e', 'package.json'))('playwright-core');

const benchDir = process.argv[2] ?? join(root, 'target', 'bench');
const sizes = (process.argv[3] ?? '1000,10000,50000,100000').split(',').map(Number);
const DRAW_SIZES = new Set([10000, 100000]);
const TICKS_FOR_GATE = 300;
const MAX_SPREAD = 0.10;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Protocol step 3: warm-up and block sizes; the pair cap keeps every block within 300 ticks. */
function plan(n) {
  const large = n >= 50000;
  const warm = large ? 10 : 20, block = large ? 15 : 50;
  return { warm, block, maxPairs: Math.min(large ? 6 : 5, Math.floor((TICKS_FOR_GATE - warm) / block)) };
}

const median = (a) => { const s = [...a].sort((x, y) => x - y), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const spread = (a) => (Math.max(...a) - Math.min(...a)) / median(a);
const round = (x, d = 2) => Number(x.toFixed(d));
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
const log = (...a) => console.error(`[${((Date.now() - T0) / 1000).toFixed(0)}s]`, ...a);
const T0 = Date.now();

function serve(dir) {
  const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript',
    '.wasm': 'application/wasm', '.json': 'application/json' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    try {
      const body = readFileSync(join(dir, path.endsWith('/') ? `${path}index.html` : path));
      res.writeHead(200, { 'content-type': types[extname(path) || '.html'] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const server = await serve(benchDir);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const result = { browser: `Chromium ${browser.version()}`, date: new Date().toISOString(),
  load_average: { start: loadAverage() }, metric: 'main-thread CPU (CDP Performance.getMetrics ThreadTime)',
  rows: [], draw: [], blocks: {} };
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  page.setDefaultTimeout(0);
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value;
  /** Main-thread CPU (ms) and in-page wall time of one `window.bench[fn](...args)` call. */
  const block = async (fn, ...args) => {
    const before = await threadTime();
    const out = await page.evaluate(([f, a]) => window.bench[f](...a), [fn, args]);
    const cpuMs = ((await threadTime()) - before) * 1000;
    return { cpuMs, out };
  };
  const overhead = [];
  for (let i = 0; i < 5; i++) overhead.push((await block('noop')).cpuMs);
  result.call_overhead_cpu_ms = round(median(overhead), 3);

  for (const n of sizes) {
    const links = await page.evaluate((k) => window.bench.setup(k), n);
    const { warm, block: ticks, maxPairs } = plan(n);
    log(`n=${n}: ${links.js} links; warm-up ${warm}, blocks of ${ticks} ticks`);
    await block('d3', warm);
    await block('spoor', warm);
    const pairs = [];
    while (pairs.length < 2 || (spread(pairs.map((p) => p.ratio)) > MAX_SPREAD && pairs.length < maxPairs)) {
      const d3 = await block('d3', ticks), spoor = await block('spoor', ticks);
      const pair = { d3_cpu_ms: d3.cpuMs, d3_wall_ms: d3.out, spoor_cpu_ms: spoor.cpuMs, spoor_wall_ms: spoor.out,
        ratio: d3.cpuMs / spoor.cpuMs };
      pairs.push(pair);
      log(`  pair ${pairs.length}: d3 ${(d3.cpuMs / ticks).toFixed(2)} ms/tick, spoor ${(spoor.cpuMs / ticks).toFixed(2)} ms/tick, ratio ${pair.ratio.toFixed(2)}`);
    }
    log(`  running both to ${TICKS_FOR_GATE} ticks for the validity gate`);
    await page.evaluate((t) => window.bench.catchUp(t), TICKS_FOR_GATE);
    const gate = await page.evaluate(() => window.bench.gate());
    const within = (a, b) => Math.abs(a / b - 1) <= 0.10;
    const valid = gate.d3.finite && gate.spoor.finite
      && within(gate.spoor.mean_link_length, gate.d3.mean_link_length)
      && within(gate.spoor.mean_nearest_neighbour, gate.d3.mean_nearest_neighbour);
    const ratios = pairs.map((p) => p.ratio);
    result.rows.push({ n, links: links.js,
      d3_ms_per_tick: round(median(pairs.map((p) => p.d3_cpu_ms)) / ticks),
      spoor_ms_per_tick: round(median(pairs.map((p) => p.spoor_cpu_ms)) / ticks),
      ratio_median: round(median(ratios)), ratio_min: round(Math.min(...ratios)), ratio_max: round(Math.max(...ratios)),
      pairs: pairs.length, valid });
    result.blocks[n] = { warm, ticks_per_block: ticks, pairs, gate };
    log(`  gate: ${valid ? 'valid' : 'INVALID'} ${JSON.stringify(gate)}`);

    if (DRAW_SIZES.has(n)) {
      const view = await page.evaluate(() => window.bench.drawSetup());
      const frames = n >= 50000 ? 3 : 10;
      const strategies = ['js', 'spoor', 'raster', 'pan'];
      for (const strategy of strategies) await block('draw', strategy, 2);
      const perFrame = { js: [], spoor: [], raster: [], pan: [] }, drawn = {};
      for (let p = 0; p < 3; p++) {
        for (const strategy of strategies) {
          const b = await block('draw', strategy, frames);
          perFrame[strategy].push(b.cpuMs / frames);
          drawn[strategy] = b.out.drawn;
        }
      }
      const ms = (s) => round(median(perFrame[s]));
      result.draw.push({ n, spoor_ms_per_frame: ms('spoor'), js_best_ms_per_frame: ms('js'),
        spoor_raster_ms_per_frame: ms('raster'), spoor_pan_ms_per_frame: ms('pan'), node_size_px: round(view.nodeSizePx), zoom: round(view.zoom, 4) });
      result.blocks[n].draw = { frames_per_block: frames, ms_per_frame: perFrame, drawn, view };
      log(`  draw ms/frame: js ${ms('js')}, spoor ${ms('spoor')} (${drawn.spoor} squares), spoor raster ${ms('raster')}, spoor pan frame ${ms('pan')}`);
      for (const strategy of strategies) {
        await page.evaluate((s) => window.bench.draw(s, 1), strategy);
        const png = await page.evaluate(() => window.bench.snapshot());
        writeFileSync(join(benchDir, `draw-${n}-${strategy}.png`), Buffer.from(png.split(',')[1], 'base64'));
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
result.load_average.end = loadAverage();
result.elapsed_s = round((Date.now() - T0) / 1000, 0);
writeFileSync(join(benchDir, 'layout.json'), `${JSON.stringify(result, null, 2)}\n`);

const lines = [`${result.browser}, ${result.date}, load average ${result.load_average.start.join(' ')} → ${result.load_average.end.join(' ')}`,
  '', '| N | links | d3 ms/tick | spoor ms/tick | d3 ÷ spoor, median (min–max) | pairs | valid |', '|---:|---:|---:|---:|---|---:|---|'];
for (const r of result.rows) {
  lines.push(`| ${r.n} | ${r.links} | ${r.d3_ms_per_tick} | ${r.spoor_ms_per_tick} | ${r.ratio_median} (${r.ratio_min}–${r.ratio_max}) | ${r.pairs} | ${r.valid ? 'yes' : 'NO'} |`);
}
if (result.draw.length) {
  lines.push('', '| N | spoor draw ms/frame (canvas paths) | spoor raster ms/frame (wasm pixels) | spoor pan frame ms (kept frame moved) | best JS ms/frame (one path + fillRect) |', '|---:|---:|---:|---:|---:|');
  for (const d of result.draw) lines.push(`| ${d.n} | ${d.spoor_ms_per_frame} | ${d.spoor_raster_ms_per_frame} | ${d.spoor_pan_ms_per_frame} | ${d.js_best_ms_per_frame} |`);
}
console.log(lines.join('\n'));
console.log(`\nwrote ${join(benchDir, 'layout.json')}`);
