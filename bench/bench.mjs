// The benchmark page: d3-force and Spoor's wasm simulation side by side on the same graph, driven
// block by block from scripts/bench-layout.d/run.mjs through `window.bench` (which measures each
// call's main-thread CPU with CDP). Every timed function returns its wall time in ms.
import init, { BenchSim } from './pkg/spoor.js';
import { flowGraph, phyllotaxis } from './flow-graph-gen.mjs';
import { allFinite, meanLinkLength, meanNearestNeighbour } from './geometry.mjs';
import { drawJs, fitView } from './draw.mjs';

/** Link counts the protocol gives for flowGraph(n, 42). */
const EXPECTED_LINKS = { 1000: 1515, 10000: 15132, 50000: 75184, 100000: 149976 };

const wasm = await init();
const d3 = window.d3;
const canvas = document.getElementById('canvas');
const ctx = canvas.getContext('2d');

/** The current size's state: graph, both simulations, tick counts, drawing inputs. */
let cur = null;
/** Keeps the engines' results observable so nothing is optimised away. */
let sink = 0;

function spoorPositions() {
  // The hand-off: a view over wasm memory, recreated after each tick (memory may have grown).
  return new Float32Array(wasm.memory.buffer, cur.spoor.positions_ptr(), cur.spoor.positions_len());
}

function d3Positions() {
  const xy = new Float64Array(2 * cur.nodes.length);
  cur.nodes.forEach((d, i) => { xy[2 * i] = d.x; xy[2 * i + 1] = d.y; });
  return xy;
}

function timed(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

window.bench = {
  /** Builds both simulations for n nodes from d3's phyllotaxis start; checks the link counts. */
  setup(n) {
    if (cur) cur.spoor.free();
    const g = flowGraph(n, 42);
    const xy = phyllotaxis(n);
    const nodes = Array.from({ length: n }, (_, i) => ({ x: xy[2 * i], y: xy[2 * i + 1] }));
    const links = Array.from(g.src, (s, i) => ({ source: s, target: g.dst[i] }));
    const sim = d3.forceSimulation(nodes)
      .force('link', d3.forceLink(links))
      .force('charge', d3.forceManyBody())
      .force('center', d3.forceCenter())
      .stop();
    const spoor = new BenchSim(n);
    cur = { n, g, nodes, sim, spoor, ticks: { d3: 0, spoor: 0 } };
    const counts = { expected: EXPECTED_LINKS[n] ?? null, js: g.src.length, spoor: spoor.link_count(),
      spoor_generated: spoor.generated_link_count() };
    const ok = counts.js === counts.spoor && counts.js === counts.spoor_generated
      && (counts.expected === null || counts.expected === counts.js);
    if (!ok) throw new Error(`link counts differ at n=${n}: ${JSON.stringify(counts)}`);
    return counts;
  },
  noop() { return 0; },
  d3(ticks) {
    cur.ticks.d3 += ticks;
    return timed(() => { for (let t = 0; t < ticks; t++) cur.sim.tick(); sink += cur.nodes[0].x; });
  },
  spoor(ticks) {
    cur.ticks.spoor += ticks;
    return timed(() => {
      for (let t = 0; t < ticks; t++) {
        cur.spoor.tick(1);
        sink += spoorPositions()[0];
      }
    });
  },
  /** Untimed: runs each engine up to `total` ticks. */
  catchUp(total) {
    this.d3(Math.max(0, total - cur.ticks.d3));
    this.spoor(Math.max(0, total - cur.ticks.spoor));
    return { ...cur.ticks };
  },
  /** The validity gate's measures for both engines at their current tick. */
  gate() {
    const { src, dst } = cur.g;
    const measure = (xy) => ({
      finite: allFinite(xy),
      mean_link_length: meanLinkLength(xy, src, dst),
      mean_nearest_neighbour: meanNearestNeighbour(xy),
    });
    return { ticks: { ...cur.ticks }, d3: measure(d3Positions()), spoor: measure(spoorPositions()),
      alpha: { d3: cur.sim.alpha(), spoor: cur.spoor.alpha() } };
  },
  /** Fits the view to Spoor's current positions; both strategies then draw these positions. */
  drawSetup() {
    cur.xy = Float32Array.from(spoorPositions());
    cur.view = fitView(cur.xy, canvas.width, canvas.height);
    // The copy a pan reuses: one full frame drawn by Spoor.
    const v = cur.view;
    ctx.clearRect(0, 0, v.widthPx, v.heightPx);
    cur.spoor.draw(ctx, v.widthPx, v.heightPx, v.zoom, v.offsetXPx, v.offsetYPx, v.nodeSizePx);
    cur.copy = document.createElement('canvas');
    [cur.copy.width, cur.copy.height] = [canvas.width, canvas.height];
    cur.copy.getContext('2d').drawImage(canvas, 0, 0);
    return cur.view;
  },
  /**
   * `frames` × (clearRect + draw + a 1-pixel getImageData) with `strategy` 'js' (best JS),
   * 'spoor' (canvas paths from wasm), 'raster' (rasterised in wasm, one putImageData) or 'pan'
   * (a pan frame while the reader drags: the kept full frame moved, as the app does).
   */
  draw(strategy, frames) {
    const v = cur.view;
    let drawn = 0;
    const ms = timed(() => {
      for (let f = 0; f < frames; f++) {
        ctx.clearRect(0, 0, v.widthPx, v.heightPx);
        if (strategy === 'js') {
          drawJs(ctx, cur.xy, cur.g.src, cur.g.dst, v);
          drawn = cur.xy.length / 2;
        } else if (strategy === 'spoor') {
          drawn = cur.spoor.draw(ctx, v.widthPx, v.heightPx, v.zoom, v.offsetXPx, v.offsetYPx, v.nodeSizePx);
        } else if (strategy === 'pan') {
          cur.spoor.draw_pan_frame(ctx, cur.copy, v.widthPx, v.heightPx, (f % 40) - 20, (f % 24) - 12);
          drawn = cur.xy.length / 2;
        } else {
          drawn = cur.spoor.draw_raster(ctx, v.widthPx, v.heightPx, v.zoom, v.offsetXPx, v.offsetYPx, v.nodeSizePx);
        }
        sink += ctx.getImageData(0, 0, 1, 1).data[3];
      }
    });
    return { ms, drawn };
  },
  /** A PNG of the canvas (for a look at what was drawn). */
  snapshot() { return canvas.toDataURL('image/png'); },
  sink: () => sink,
};
window.benchReady = true;
