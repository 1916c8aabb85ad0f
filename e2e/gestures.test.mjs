// Gestures on the graph: touch (one finger pans, two fingers pinch-zoom) on the app page, and
// cooperative gestures in an embed (?embed=1): the plain wheel and one finger are left to the
// article, with a hint; Ctrl + wheel and two fingers move the graph. Touches are sent through
// the Chrome DevTools Protocol, as a touchscreen would send them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { historyOf, graphCounts, useAppUnderTest } from './support.mjs';

const app = useAppUnderTest();
const OUT = app.out;

/** Opens the thief's graph (query: `?embed=1` or ''), waits until it is drawn and settled. */
async function openGraph(query) {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 }, hasTouch: true });
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  const expected = graphCounts(historyOf(app.chain, app.scenario.thief_address));
  await page.goto(`${app.standIn.url}/${query}#/btc/address/${app.scenario.thief_address}`);
  await page.waitForSelector(`#graph-summary[data-busy="false"][data-nodes="${expected.nodes}"]`, { timeout: 30000 });
  await page.waitForSelector('#graph-canvas[data-layout="settled"]', { timeout: 30000 });
  const box = await page.locator('#graph-canvas').boundingBox();
  const cdp = await page.context().newCDPSession(page);
  return { page, problems, box, cdp };
}

const view = async (page) => {
  const data = await page.locator('#graph-canvas').evaluate((c) => ({ ...c.dataset }));
  return { zoom: Number(data.zoom), focus: data.focusPx };
};

/** One touch gesture: fingers from `from` to `to` (arrays of [x, y] in page px), in steps. */
async function touch(cdp, from, to, steps = 6) {
  const points = (ps) => ps.map(([x, y], id) => ({ x, y, id }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(from) });
  for (let i = 1; i <= steps; i += 1) {
    const at = from.map(([x, y], k) => [x + (to[k][0] - x) * (i / steps), y + (to[k][1] - y) * (i / steps)]);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(at) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

test('on the app page one finger pans the graph and two fingers pinch-zoom it', async () => {
  const { page, problems, box, cdp } = await openGraph('');
  // Start at the left edge, inside the fit margin: no node there, so the finger pans.
  const start = await view(page);
  const [cx, cy] = [box.x + 15, box.y + box.height / 2];
  await touch(cdp, [[cx, cy]], [[cx + 150, cy - 100]]);
  await page.waitForFunction((focus) => document.getElementById('graph-canvas').dataset.focusPx !== focus, start.focus);
  const panned = await view(page);
  assert.equal(panned.zoom, start.zoom, 'one finger does not zoom');
  const [[fx0, fy0], [fx1, fy1]] = [start.focus, panned.focus].map((f) => f.split(',').map(Number));
  assert.ok(Math.abs(fx1 - fx0 - 150) <= 2 && Math.abs(fy1 - fy0 + 100) <= 2, `moved with the finger: ${start.focus} → ${panned.focus}`);

  const [mx, my] = [box.x + box.width / 2, box.y + box.height / 2];
  await touch(cdp, [[mx - 50, my], [mx + 50, my]], [[mx - 150, my], [mx + 150, my]]);
  await page.waitForFunction((zoom) => Number(document.getElementById('graph-canvas').dataset.zoom) > zoom * 2, panned.zoom);
  const pinched = await view(page);
  assert.ok(pinched.zoom / panned.zoom > 2.5 && pinched.zoom / panned.zoom < 3.5, `spreading 100 → 300 px zooms ×${pinched.zoom / panned.zoom}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('in an embed the wheel and one finger scroll the article; Ctrl + wheel and two fingers move the graph', async () => {
  const { page, problems, box, cdp } = await openGraph('?embed=1');
  const start = await view(page);
  const [mx, my] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(mx, my);
  await page.mouse.wheel(0, -400);
  await page.waitForSelector('#gesture-hint');
  assert.match(await page.locator('#gesture-hint').textContent(), /Ctrl \+ scroll|⌘ \+ scroll/);
  await page.screenshot({ path: path.join(OUT, 'embed-wheel-hint.png') });
  assert.equal((await view(page)).zoom, start.zoom, 'the plain wheel leaves the graph alone');

  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await page.waitForFunction((zoom) => Number(document.getElementById('graph-canvas').dataset.zoom) > zoom, start.zoom);
  const zoomed = await view(page);

  await page.waitForSelector('#gesture-hint', { state: 'detached', timeout: 5000 });
  const [cx, cy] = [box.x + 15, box.y + box.height / 2];
  await touch(cdp, [[cx, cy]], [[cx + 150, cy - 100]]);
  await page.waitForSelector('#gesture-hint');
  assert.match(await page.locator('#gesture-hint').textContent(), /two fingers/);
  assert.deepEqual(await view(page), zoomed, 'one finger leaves the graph alone');

  await touch(cdp, [[mx - 50, my], [mx + 50, my]], [[mx - 100, my], [mx + 100, my]]);
  await page.waitForFunction((zoom) => Number(document.getElementById('graph-canvas').dataset.zoom) > zoom * 1.5, zoomed.zoom);
  assert.deepEqual(problems, []);
  await page.close();
});
