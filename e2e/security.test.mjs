// End to end: the page under its content security policy, and untrusted text kept inert.
// The stand-in sends the hosting headers (docs/hosting.md) and index.html carries the policy as a
// <meta>: the app runs with no violation, and an injected inline handler is refused. XSS payloads
// come in through every path a stranger controls: entity labels, the reader's own label and
// note, a shared link's labels, the route, an explorer's error text and address strings, an
// imported labels file; none of them becomes markup or runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { graphCounts, historyOf, useAppUnderTest } from './support.mjs';

// Markup that would run if it were ever parsed as HTML (or put into an attribute unescaped).
const PAYLOAD = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'><svg onload="window.__xss=3">`;
const csvField = (text) => `"${text.replaceAll('"', '""')}"`;
const HEAD = 'chain,address,entity,category,source_url\n';

const app = useAppUnderTest({
  extraArgs: (dir, scenario) => {
    const labels = path.join(mkdtempSync(path.join(tmpdir(), 'spoor-xss-')), 'payload.csv');
    writeFileSync(labels, `${HEAD}btc,${scenario.thief_address},${csvField(PAYLOAD)},exchange,${csvField('javascript:window.__xss=4')}\n`);
    return ['--labels', labels, '--demo-route', `/btc/address/${scenario.thief_address}`];
  },
});

/** A page that records CSP violations from its first script on. */
async function newPage(context = app.browser) {
  const page = await context.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return { page, problems };
}

async function openThief(page, query = '') {
  const thief = app.scenario.thief_address;
  await page.goto(`${app.standIn.url}/${query}#/btc/address/${thief}`);
  const nodes = graphCounts(historyOf(app.chain, thief)).nodes;
  await page.waitForSelector(`#graph-summary[data-nodes="${nodes}"][data-busy="false"]`, { timeout: 30000 });
}

async function selectThief(page) {
  await page.locator(`#drawn-nodes li[data-key="${app.scenario.thief_address}"] button`).dispatchEvent('click');
  await page.waitForSelector('#side-panel h2');
}

/** Nothing ran and nothing became markup: no handler attributes, no inline script, no payload tags. */
async function assertInert(page, where) {
  const found = await page.evaluate(() => ({
    xss: window.__xss ?? null,
    markup: [...document.querySelectorAll('[onerror], [onload], script:not([src]), img[src="x"], svg[onload]')]
      .map((e) => e.outerHTML.slice(0, 80)),
    javascriptLinks: [...document.querySelectorAll('a[href^="javascript:" i]')].map((a) => a.outerHTML.slice(0, 80)),
  }));
  assert.deepEqual(found, { xss: null, markup: [], javascriptLinks: [] }, where);
}

test('the hosting headers are sent and the app runs under its policy with no violation', async () => {
  const reply = await fetch(`${app.standIn.url}/`);
  const header = reply.headers.get('content-security-policy');
  assert.match(header, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.match(header, /frame-ancestors \*$/);
  assert.equal(reply.headers.get('x-content-type-options'), 'nosniff');
  const html = await reply.text();
  const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.equal(header, `${meta}; frame-ancestors *`);
  assert.doesNotMatch(html.replace(/<!--[\s\S]*?-->/g, ''), /<script(?![^>]*\bsrc=)/, 'no inline script in the built page');

  const { page, problems } = await newPage();
  await openThief(page);
  await page.waitForSelector('#graph-canvas[data-layout="settled"]', { timeout: 30000 });
  // Exercise what draws, positions and downloads: tooltip, layouts, view levels, the Share dialog.
  const [x, y] = (await page.getAttribute('#graph-canvas', 'data-focus-px')).split(',').map(Number);
  const box = await page.locator('#graph-canvas').boundingBox();
  await page.mouse.move(box.x + x, box.y + y);
  await page.waitForSelector('#tooltip');
  assert.match(await page.getAttribute('#tooltip', 'style'), /left: \d+(\.\d+)?px/);
  for (const id of ['#layout-time', '#layout-hops', '#layout-force', '#view-entity', '#view-tx']) await page.click(id);
  await page.click('#share-open');
  for (const id of ['#export-svg', '#export-png']) {
    await Promise.all([page.waitForEvent('download'), page.click(id)]);
  }
  await page.click('#share-close');
  const embed = await newPage();
  await openThief(embed.page, '?embed=1');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(await embed.page.evaluate(() => window.__csp), []);

  // Defence in depth: markup injected past the app would still not run.
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img id="probe" src="/nothing.png" onerror="window.__probe=1">'));
  await page.waitForFunction(() => window.__csp.length > 0);
  assert.equal(await page.evaluate(() => window.__probe ?? null), null);
  assert.match((await page.evaluate(() => window.__csp))[0], /^script-src/);
  assert.deepEqual([...problems, ...embed.problems], []);
  await page.close();
  await embed.page.close();
});

test('labels, notes, shared links and imported files stay text', async () => {
  const context = await app.browser.newContext();
  const { page, problems } = await newPage(context);
  await openThief(page);
  await selectThief(page);
  // An entity label from a label file: shown as text in the side panel, the tag's source link is
  // not a javascript: link, and the flows table and the entity view show it as text too.
  await page.waitForFunction((p) => document.querySelector('#side-panel').textContent.includes(p), PAYLOAD);
  await page.click('#flows summary');
  await page.click('#view-entity');
  await page.waitForFunction((p) => document.querySelector('#flows-table').textContent.includes(p), PAYLOAD);
  await assertInert(page, 'entity label');
  await page.click('#view-tx');
  await selectThief(page);

  // The reader's own label and note.
  await page.click('#user-label-edit');
  await page.fill('#user-label-text', PAYLOAD.slice(0, 60));
  await page.fill('#user-label-note', PAYLOAD);
  await page.click('#user-label-save');
  await page.waitForSelector('#side-panel .user-label.own .user-note');
  assert.equal(await page.textContent('#side-panel .user-label.own .user-note'), PAYLOAD);
  await assertInert(page, 'own label and note');
  await page.reload();
  await openThief(page);
  await selectThief(page);
  await assertInert(page, 'own label after reload');

  // A shared link carrying those labels, opened by a stranger.
  await page.click('#share-open');
  await page.check('#share-user-labels');
  const link = await page.locator('#share-link').inputValue();
  await page.click('#share-close');
  const stranger = await newPage(await app.browser.newContext());
  await stranger.page.goto(link);
  await stranger.page.waitForSelector('#graph-summary[data-busy="false"]', { timeout: 30000 });
  await selectThief(stranger.page);
  await stranger.page.waitForFunction((p) => document.querySelector('#side-panel').textContent.includes(p), PAYLOAD);
  await assertInert(stranger.page, 'shared link labels');

  // An imported labels file.
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'spoor-xss-import-')), 'labels.csv');
  writeFileSync(file, `chain,address,entity,category,source_url,note\nbtc,${app.scenario.mixer_deposit_address},${csvField(PAYLOAD)},theft,${csvField('javascript:alert(1)')},${csvField(PAYLOAD)}\n`);
  await page.click('#share-open');
  await page.setInputFiles('#import-user-labels', file);
  await page.click('#share-close');
  await page.locator(`#drawn-nodes li[data-key="${app.scenario.mixer_deposit_address}"] button`).dispatchEvent('click');
  await page.waitForFunction((p) => document.querySelector('#side-panel').textContent.includes(p), PAYLOAD);
  await assertInert(page, 'imported labels file');
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual([...problems, ...stranger.problems], []);
  await context.close();
});

test('routes and explorer replies stay text', async () => {
  const { page, problems } = await newPage();
  // A route naming markup instead of an address.
  await page.goto(`${app.standIn.url}/#/btc/address/${encodeURIComponent(PAYLOAD)}`);
  await page.waitForSelector('.messages .error');
  await assertInert(page, 'route');

  // An explorer answering with markup: an error page (a 400: shown at once, not retried).
  const thief = app.scenario.thief_address;
  await page.route('**/api/address/**', (route) => route.fulfill({ status: 400, contentType: 'text/html', body: PAYLOAD }));
  await page.goto(`${app.standIn.url}/#/btc/address/${thief}`);
  await page.waitForSelector('.messages .error', { timeout: 30000 });
  await assertInert(page, 'explorer error text');
  await page.close();

  // And address strings in its transactions.
  const other = await newPage();
  await other.page.route('**/api/address/*/txs', async (route) => {
    const reply = await route.fetch();
    const txs = await reply.json();
    for (const tx of txs) for (const out of tx.vout) out.scriptpubkey_address = PAYLOAD;
    await route.fulfill({ response: reply, json: txs });
  });
  await other.page.goto(`${app.standIn.url}/#/btc/address/${thief}`);
  await other.page.waitForSelector('#graph-summary[data-busy="false"]', { timeout: 30000 });
  await other.page.waitForTimeout(500);
  await assertInert(other.page, 'explorer address strings');
  for (const p of [page, other.page].slice(1)) assert.deepEqual(await p.evaluate(() => window.__csp), []);
  assert.deepEqual([...problems, ...other.problems], []);
  await other.page.close();
});
