// End to end: the built app (dist/) in headless Chromium, served with a simulated chain by the
// explorer stand-in, which is also the app's only explorer. Screenshots go to e2e/out/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { historyOf, spendersOf, graphCounts, useAppUnderTest } from './support.mjs';

const app = useAppUnderTest({
  extraArgs: (dir, scenario) => ['--labels', path.join(dir, 'labels.csv'), '--start', `/btc/address/${scenario.thief_address}`],
});
const OUT = app.out;

/** A page that records console errors and uncaught exceptions. */
async function openPage(hashPath) {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(msg.text()); });
  page.on('pageerror', (err) => problems.push(String(err)));
  await page.goto(`${app.standIn.url}/#${hashPath}`);
  return { page, problems };
}

/** Waits until no fetch runs and the summary shows `nodes` nodes. */
async function waitForCounts(page, nodes) {
  await page.waitForSelector(`#graph-summary[data-busy="false"][data-nodes="${nodes}"]`, { timeout: 30000 });
  const summary = page.locator('#graph-summary');
  return {
    nodes: Number(await summary.getAttribute('data-nodes')),
    edges: Number(await summary.getAttribute('data-edges')),
    txs: Number(await summary.getAttribute('data-txs')),
    addresses: Number(await summary.getAttribute('data-addresses')),
  };
}

test('a permalink to the thief address draws its whole history with the counts of the chain file', async () => {
  const expected = graphCounts(historyOf(app.chain, app.scenario.thief_address));
  assert.ok(expected.txs >= 10, `thief history has ${expected.txs} txs`);
  const { page, problems } = await openPage(`/btc/address/${app.scenario.thief_address}`);
  const shown = await waitForCounts(page, expected.nodes);
  assert.deepEqual(shown, expected);
  await page.waitForSelector('#graph-canvas[data-drawn]');
  assert.equal(await page.locator('#drawn-nodes li').count(), expected.nodes);
  // The canvas really has pixels of the graph, not just the background.
  const painted = await page.evaluate(() => {
    const canvas = document.getElementById('graph-canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== 0xf7 || data[i + 1] !== 0xf7 || data[i + 2] !== 0xf4) count += 1;
    }
    return count;
  });
  assert.ok(painted > 2000, `only ${painted} painted pixels`);
  await page.screenshot({ path: path.join(OUT, 'thief-address.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('expanding a transaction one hop forward adds its spenders and the counts grow to match', async () => {
  const history = historyOf(app.chain, app.scenario.thief_address);
  const outgoing = app.scenario.thief_outgoing_txids.find((txid) => spendersOf(app.chain, txid).length > 0);
  assert.ok(outgoing, 'some outgoing tx of the thief is spent');
  const before = graphCounts(history);
  const union = new Map([...history, ...spendersOf(app.chain, outgoing)].map((tx) => [tx.txid, tx]));
  const after = graphCounts([...union.values()]);
  assert.ok(after.nodes > before.nodes);

  const { page, problems } = await openPage(`/btc/address/${app.scenario.thief_address}`);
  await waitForCounts(page, before.nodes);
  await page.locator(`#drawn-nodes li[data-key="${outgoing}"] button`).dispatchEvent('click');
  await page.getByRole('button', { name: 'Where outputs went →' }).click();
  const shown = await waitForCounts(page, after.nodes);
  assert.deepEqual(shown, after);
  await page.screenshot({ path: path.join(OUT, 'expanded.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a transaction permalink shows that transaction with its inputs and outputs', async () => {
  const theft = app.chain.find((tx) => tx.txid === app.scenario.theft_txid);
  const expected = graphCounts([theft]);
  const { page, problems } = await openPage(`/btc/tx/${app.scenario.theft_txid}`);
  assert.deepEqual(await waitForCounts(page, expected.nodes), expected);
  await page.locator(`#drawn-nodes li[data-key="${app.scenario.theft_txid}"] button`).dispatchEvent('click');
  await page.waitForSelector(`#side-panel :text("Inputs (${theft.vin.length})")`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a mistyped address in the search box says the checksum does not match', async () => {
  const { page } = await openPage(`/btc/address/${app.scenario.thief_address}`);
  const address = app.scenario.thief_address;
  const last = address.at(-1);
  const typo = address.slice(0, -1) + (last === 'x' ? 'y' : 'x');
  await page.fill('#search-input', typo);
  await page.press('#search-input', 'Enter');
  const message = await page.locator('#search-error').textContent();
  assert.match(message, /checksum/i);
  await page.fill('#search-input', 'ltc1qg82tfpkl3vyfllzanvprj5m3y8g9yvk3sx6w5p');
  await page.press('#search-input', 'Enter');
  assert.match(await page.locator('#search-error').textContent(), /Litecoin/);
  await page.screenshot({ path: path.join(OUT, 'bad-address.png') });
  await page.close();
});

test('a broken link names what is wrong instead of drawing nothing', async () => {
  const { page } = await openPage('/btc/tx/1234');
  const message = await page.locator('#messages .error').first().textContent();
  assert.match(message, /64 hex characters/);
  await page.close();
});

test('the bare page opens the start route of config.json and names labelled entities', async () => {
  const expected = graphCounts(historyOf(app.chain, app.scenario.thief_address));
  const { page, problems } = await openPage('');
  await waitForCounts(page, expected.nodes);
  // The target, with the view (pinned to the tip) once the tip is known.
  assert.match(new URL(page.url()).hash, new RegExp(`^#/btc/address/${app.scenario.thief_address}(\\?view=v1\\.[A-Za-z0-9_-]+)?$`));
  // The mixer deposit address is in the thief's history and labelled by labels.csv.
  const mixer = page.locator(`#drawn-nodes li[data-key="${app.scenario.mixer_deposit_address}"] button`);
  await mixer.dispatchEvent('click');
  await page.waitForSelector('#side-panel :text("Synthetic Mixer (simulated, not a real entity)")');
  await page.screenshot({ path: path.join(OUT, 'labelled-mixer.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the graph switches between force, time-axis and hop layouts and stays pointable in each', async () => {
  const expected = graphCounts(historyOf(app.chain, app.scenario.thief_address));
  const { page, problems } = await openPage(`/btc/address/${app.scenario.thief_address}`);
  await waitForCounts(page, expected.nodes);
  const canvas = page.locator('#graph-canvas');
  await page.waitForSelector('#graph-canvas[data-layout-kind="force"][data-axis-ticks="0"]');
  for (const [kind, button] of [['time', 'Time'], ['hops', 'Hops'], ['force', 'Force']]) {
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.waitForSelector(`#graph-canvas[data-layout-kind="${kind}"]`);
    assert.equal(await page.locator(`#layout-${kind}`).getAttribute('aria-pressed'), 'true');
    // Let the camera fit the new layout, then point at the target where this layout drew it.
    await page.waitForTimeout(300);
    const ticks = Number(await canvas.getAttribute('data-axis-ticks'));
    if (kind === 'force') assert.equal(ticks, 0);
    else assert.ok(ticks >= 2, `${kind}: ${ticks} axis marks`);
    const [x, y] = (await canvas.getAttribute('data-focus-px')).split(',').map(Number);
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + x, box.y + y);
    await page.waitForSelector('#tooltip');
    assert.equal(await page.locator('#tooltip .mono').textContent(), app.scenario.thief_address, kind);
    await page.mouse.move(box.x + 2, box.y + box.height - 2);
    await page.screenshot({ path: path.join(OUT, `layout-${kind}.png`) });
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('Shift + drag selects the nodes in a box, whose addresses load together', async () => {
  const expected = graphCounts(historyOf(app.chain, app.scenario.thief_address));
  const { page, problems } = await openPage(`/btc/address/${app.scenario.thief_address}`);
  await waitForCounts(page, expected.nodes);
  await page.waitForSelector('#graph-canvas[data-layout="settled"]', { timeout: 30000 });
  const canvas = page.locator('#graph-canvas');
  const drawn = Number(await canvas.getAttribute('data-drawn'));
  const box = await canvas.boundingBox();
  await page.keyboard.down('Shift');
  await page.mouse.move(box.x + 2, box.y + 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2, { steps: 4 });
  await page.screenshot({ path: path.join(OUT, 'box-select.png') });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  const counts = page.locator('#selection-counts');
  await counts.waitFor();
  const picked = Number(await counts.getAttribute('data-addresses')) + Number(await counts.getAttribute('data-txs'));
  assert.equal(picked, drawn, 'a box around the whole view selects every drawn node');

  // The thief's counterparties are not loaded yet: load them all at once; the graph grows.
  await page.click('#load-selected');
  await page.waitForFunction((before) => {
    const s = document.getElementById('graph-summary').dataset;
    return s.busy === 'false' && Number(s.nodes) > before;
  }, expected.nodes, { timeout: 60000 });

  // A click on empty canvas clears the selection.
  await page.mouse.click(box.x + 3, box.y + box.height / 2);
  await page.waitForSelector('#selection-panel', { state: 'detached' });
  assert.deepEqual(problems, []);
  await page.close();
});
