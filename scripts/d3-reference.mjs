// Writes the d3-force reference fixtures that tests/layout_d3.rs compares the Rust engine with.
//
// Usage (from the repo root, after `npm install` in e2e/):
//   node scripts/d3-reference.mjs
// Writes tests/fixtures/layout/bench_graph.json and tests/fixtures/layout/d3_n{50,200}.json.
// The tests only read the JSON; they never run node. Exact values are written as decimal strings
// (JS shortest round-trip form) so Rust can parse them bit-exactly with str::parse::<f64>.
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "e2e", "package.json"));
const d3 = require("d3-force");
const { mulberry32, flowGraph, phyllotaxis } = await import(
  join(root, "..", "shared", "bench", "flow-graph-gen.mjs")
);
const outDir = join(root, "tests", "fixtures", "layout");
mkdirSync(outDir, { recursive: true });

const s = (x) => String(x);

// 1. The bench graph generator: PRNG values, link counts, sample links and initial positions.
const rnd = mulberry32(42);
const prng = Array.from({ length: 8 }, () => s(rnd()));
const graphs = [1000, 10000, 50000, 100000].map((n) => {
  const g = flowGraph(n, 42);
  const xy = phyllotaxis(n);
  const m = g.src.length;
  const links = (from, to) => {
    const out = [];
    for (let i = from; i < to; i++) out.push([i, g.src[i], g.dst[i]]);
    return out;
  };
  // A spread of indices: the spiral's sin/cos must match V8's fdlibm to the bit everywhere.
  const sample = [0, 1, 2, 7, 12, 25, 99];
  for (let i = 211; i < n; i += Math.floor(n / 40)) sample.push(i);
  sample.push(n - 1);
  const positions = sample.map((i) => [i, s(xy[2 * i]), s(xy[2 * i + 1])]);
  return { n, links: m, first_links: links(0, 12), last_links: links(m - 3, m), positions };
});
writeFileSync(
  join(outDir, "bench_graph.json"),
  JSON.stringify({ seed: 42, mulberry32: prng, alpha_decay: s(1 - Math.pow(0.001, 1 / 300)), graphs }) + "\n",
);

// 2. d3-force on small bench graphs with the benchmark model: link, charge, center (in that order).
function meanLinkLength(nodes, g) {
  let sum = 0;
  for (let i = 0; i < g.src.length; i++) {
    const a = nodes[g.src[i]], b = nodes[g.dst[i]];
    sum += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return sum / g.src.length;
}
function meanNearestNeighbour(nodes) {
  let sum = 0;
  for (const a of nodes) {
    let best = Infinity;
    for (const b of nodes) if (a !== b) best = Math.min(best, Math.hypot(b.x - a.x, b.y - a.y));
    sum += best;
  }
  return sum / nodes.length;
}
const flat = (nodes) => nodes.flatMap((d) => [d.x, d.y]);

for (const n of [50, 200]) {
  const g = flowGraph(n, 42);
  const xy = phyllotaxis(n);
  const nodes = Array.from({ length: n }, (_, i) => ({ x: xy[2 * i], y: xy[2 * i + 1] }));
  const links = Array.from(g.src, (src, i) => ({ source: src, target: g.dst[i] }));
  const sim = d3
    .forceSimulation(nodes)
    .force("link", d3.forceLink(links))
    .force("charge", d3.forceManyBody())
    .force("center", d3.forceCenter())
    .stop();
  const snapshots = {};
  for (let t = 1; t <= 300; t++) {
    sim.tick();
    if (t === 1 || t === 10 || t === 50) snapshots[t] = flat(nodes).map(s);
  }
  const out = {
    n,
    links: g.src.length,
    ticks: 300,
    alpha: s(sim.alpha()),
    after_1: snapshots[1],
    after_10: snapshots[10],
    after_50: snapshots[50],
    final_xy: flat(nodes).map(s),
    mean_link_length: meanLinkLength(nodes, g),
    mean_nearest_neighbour: meanNearestNeighbour(nodes),
  };
  writeFileSync(join(outDir, `d3_n${n}.json`), JSON.stringify(out) + "\n");
}
console.log(`wrote fixtures to ${outDir}`);
