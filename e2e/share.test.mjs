// End to end: share and embed. A case file made by `spoor snapshot` opens with zero explorer
// requests; every export downloads and parses; the embed speaks the height protocols to a
// parent page that uses the Share dialog's own iframe code.
import http from 'node:http';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { settledLink, useAppUnderTest } from './support.mjs';

const app = useAppUnderTest({ extraArgs: (dir) => ['--labels', path.join(dir, 'labels.csv')] });
let casePath;

/** `spoor snapshot` of the thief's traced view, made once (the stand-in must be up first). */
function snapshotCase() {
  if (casePath) return casePath;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'spoor-share-'));
  casePath = path.join(tmp, 'thief.case.json');
  execFileSync(process.env.SPOOR_BIN, [
    'snapshot', '--api', `${app.standIn.url}/api`, '--from-address', app.scenario.thief_address,
    '--labels', path.join(app.chainDir, 'labels.csv'), '--title', 'The simulated thief', '--out', casePath,
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  return casePath;
}

/** A page that counts requests to the explorer API and collects page errors. */
async function newPage(viewport = { width: 1280, height: 900 }) {
  const page = await app.browser.newPage({ viewport, acceptDownloads: true });
  const seen = { api: [], problems: [] };
  page.on('request', (request) => { if (new URL(request.url()).pathname.startsWith('/api/')) seen.api.push(request.url()); });
  page.on('pageerror', (err) => seen.problems.push(String(err)));
  return { page, seen };
}

/** Sats of each trace summary row, by row id (entities summed). */
function summaryRows(page) {
  return page.$$eval('#trace-summary tr[data-row]', (rows) => {
    const out = {};
    for (const row of rows) out[row.dataset.row] = (out[row.dataset.row] ?? 0) + Number(row.dataset.sats);
    return out;
  });
}

async function traced(page) {
  await page.waitForSelector('#trace-summary[data-method="haircut"]', { timeout: 60000 });
  await page.waitForSelector('#graph-summary[data-busy="false"]');
  return { rows: await summaryRows(page), nodes: await page.locator('#graph-summary').getAttribute('data-nodes') };
}

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test('a snapshot opens the traced view with zero explorer requests, also after a reload', async () => {
  // The same view live: the trace the case file must reproduce.
  const live = await newPage();
  await live.page.goto(`${app.standIn.url}/#/btc/address/${app.scenario.thief_address}`);
  await live.page.waitForSelector('#graph-summary[data-busy="false"][data-nodes]:not([data-nodes="0"])');
  await live.page.click('#trace-start');
  const expected = await traced(live.page);
  await live.page.close();

  const { page, seen } = await newPage();
  await page.route('**/cases/thief.json', (route) => route.fulfill({ path: snapshotCase(), contentType: 'application/json' }));
  await page.goto(`${app.standIn.url}/?snapshot=cases/thief.json`);
  const opened = await traced(page);
  assert.deepEqual(opened, expected, 'the snapshot shows the live trace, to the satoshi');
  assert.match(await page.locator('#source-note').textContent(),
    new RegExp(`pinned at block ${app.scenario.tip_height.toLocaleString('en-US')} · method: haircut`));
  await page.reload();
  assert.deepEqual(await traced(page), expected);
  await page.screenshot({ path: path.join(app.out, 'snapshot.png') });
  assert.deepEqual(seen.api, [], 'no request reached the explorer');
  assert.deepEqual(seen.problems, []);
  await page.close();
});

test('every export downloads, parses and names its source; the case file reopens without the explorer', async () => {
  const { page, seen } = await newPage();
  await page.goto(`${app.standIn.url}/#/btc/address/${app.scenario.thief_address}`);
  await page.waitForSelector('#graph-summary[data-busy="false"][data-nodes]:not([data-nodes="0"])');
  await page.click('#trace-start');
  const view = await traced(page);
  await page.click('#share-open');
  const note = await page.locator('#share-source').textContent();
  assert.match(note, /^Data: http:\/\/127\.0\.0\.1:\d+\/api, pinned at block [\d,]+ · method: haircut$/);
  const download = async (button) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
  };
  const xmlProblems = (text, type) => page.evaluate(([t, m]) => {
    const doc = new DOMParser().parseFromString(t, m);
    return doc.getElementsByTagName('parsererror').length;
  }, [text, type]);
  const count = (text, tag) => page.evaluate(([t, name]) =>
    new DOMParser().parseFromString(t, 'application/xml').getElementsByTagName(name).length, [text, tag]);

  const csv = await download('#export-csv');
  assert.match(csv.name, /\.csv$/);
  const rows = parseCsv(csv.bytes.toString('utf8'));
  const header = rows[0];
  for (const column of ['txid', 'time_utc', 'block_height', 'from', 'to', 'amount_sats', 'amount_btc', 'taint_share', 'data_source', 'pinned_height', 'method']) {
    assert.ok(header.includes(column), `CSV has ${column}: ${header}`);
  }
  const body = rows.slice(1).filter((r) => r.length > 1);
  const txs = Number(await page.locator('#graph-summary').getAttribute('data-txs'));
  assert.equal(new Set(body.map((r) => r[header.indexOf('txid')])).size, txs, 'every transaction of the graph');
  assert.ok(body.every((r) => r[header.indexOf('method')] === 'haircut' && /^\d+$/.test(r[header.indexOf('amount_sats')])));

  for (const [button, root, nodeTag] of [['#export-graphml', 'graphml', 'node'], ['#export-gexf', 'gexf', 'node']]) {
    const file = await download(button);
    const text = file.bytes.toString('utf8');
    assert.equal(await xmlProblems(text, 'application/xml'), 0, `${button} is well-formed XML`);
    assert.equal(await count(text, root), 1);
    assert.equal(String(await count(text, nodeTag)), view.nodes, `${button} has every node`);
    assert.ok(text.includes('127.0.0.1') && text.includes('haircut'), `${button} names its source and method`);
  }
  const svg = await download('#export-svg');
  const svgText = svg.bytes.toString('utf8');
  assert.equal(await xmlProblems(svgText, 'image/svg+xml'), 0);
  assert.ok(svgText.includes(note.replace(/&/g, '&amp;')), 'the SVG carries the source note');

  await page.selectOption('#png-scale', '2');
  const png = await download('#export-png');
  assert.deepEqual([...png.bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
  const width = png.bytes.readUInt32BE(16);
  const canvasWidth = await page.locator('#graph-canvas').evaluate((c) => c.clientWidth);
  assert.equal(width, canvasWidth * 2, 'PNG at the chosen scale');

  const caseFile = await download('#export-case');
  const json = JSON.parse(caseFile.bytes.toString('utf8'));
  assert.equal(json.format, 'spoor-case');
  assert.equal(json.version, 1);
  assert.equal(json.provenance.api_base_url, `${app.standIn.url}/api`);
  assert.ok(Object.keys(json.answers.txs).length >= txs);

  // Round trip: the downloaded case opens in a fresh page, from a file, with no explorer request.
  const fresh = await newPage();
  await fresh.page.goto(`${app.standIn.url}/?snapshot=missing.json`);
  await fresh.page.waitForSelector('#messages .error');
  assert.match(await fresh.page.locator('#messages .error').first().textContent(), /snapshot missing\.json: HTTP 404/);
  await fresh.page.click('#share-open').catch(() => {});
  await fresh.page.goto(`${app.standIn.url}/#/btc/tx/${'0'.repeat(64)}`);
  await fresh.page.click('#share-open');
  const apiBefore = fresh.seen.api.length;
  await fresh.page.setInputFiles('#open-case', { name: 'case.json', mimeType: 'application/json', buffer: caseFile.bytes });
  assert.deepEqual(await traced(fresh.page), view);
  assert.equal(fresh.seen.api.length, apiBefore, 'opening a case file asks no explorer');
  assert.deepEqual([...seen.problems, ...fresh.seen.problems], []);
  await fresh.page.close();
  await page.close();
});

/** Every node's drawn position, by GraphML id, from the Share dialog's GraphML download. */
async function drawnPositions(page) {
  await page.click('#share-open');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#export-graphml')]);
  await page.keyboard.press('Escape');
  const text = readFileSync(await file.path(), 'utf8');
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'application/xml');
    const out = {};
    for (const node of doc.getElementsByTagName('node')) {
      const value = (key) => Number([...node.getElementsByTagName('data')].find((d) => d.getAttribute('key') === key)?.textContent);
      out[node.getAttribute('id')] = [value('n_x'), value('n_y')];
    }
    return out;
  }, text);
}

test('a permalink reopens the same picture: a dropped node stays, every node within a world unit, the same camera', async () => {
  const { page, seen } = await newPage();
  await page.goto(`${app.standIn.url}/#/btc/address/${app.scenario.thief_address}`);
  await page.waitForSelector('#graph-summary[data-busy="false"][data-nodes]:not([data-nodes="0"])');
  await settledLink(page);
  const canvas = page.locator('#graph-canvas');
  const box = await canvas.boundingBox();
  const [fx, fy] = (await canvas.getAttribute('data-focus-px')).split(',').map(Number);
  // Drag the target somewhere else and drop it: it stays there.
  await page.mouse.move(box.x + fx, box.y + fy);
  await page.mouse.down();
  await page.mouse.move(box.x + fx + 160, box.y + fy + 90, { steps: 12 });
  await page.mouse.up();
  assert.equal(await page.locator('#unpin-all').textContent(), 'Unpin 1');
  const hash = await settledLink(page);
  const [dx, dy] = (await canvas.getAttribute('data-focus-px')).split(',').map(Number);
  assert.ok(Math.hypot(dx - fx - 160, dy - fy - 90) < 3, `dropped at ${dx},${dy}, meant ${fx + 160},${fy + 90}; zoom ${await canvas.getAttribute("data-zoom")}`);
  const before = await drawnPositions(page);
  const zoom = await canvas.getAttribute('data-zoom');

  await page.reload();
  await page.waitForSelector('#graph-summary[data-busy="false"][data-nodes]:not([data-nodes="0"])');
  const reopenedHash = await settledLink(page);
  const after = await drawnPositions(page);
  assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort(), 'the same nodes');
  for (const [id, [x, y]] of Object.entries(before)) {
    const [x2, y2] = after[id];
    assert.ok(Math.abs(x2 - x) <= 1 && Math.abs(y2 - y) <= 1, `${id} was at ${x},${y}, reopened at ${x2},${y2}`);
  }
  const reopenedZoom = Number(await canvas.getAttribute('data-zoom'));
  assert.ok(Math.abs(reopenedZoom / Number(zoom) - 1) < 0.002, `the same camera: zoom ${zoom} reopened as ${reopenedZoom}`);
  const [rx, ry] = (await canvas.getAttribute('data-focus-px')).split(',').map(Number);
  assert.ok(Math.hypot(rx - dx, ry - dy) <= 1.5, `target drawn at ${rx},${ry}, was ${dx},${dy}`);
  assert.equal(reopenedHash, hash, 'the reopened view writes the same link');
  assert.equal(await page.locator('#unpin-all').textContent(), 'Unpin 1', 'the pin came back with the link');

  // Unpinned, the node goes back into the layout and the link forgets the pin.
  await page.click('#unpin-all');
  await page.waitForSelector('#unpin-all', { state: 'detached' });
  assert.notEqual(await settledLink(page), hash);
  assert.deepEqual(seen.problems, []);
  await page.close();
});

test('an article embeds the graph with the Share dialog\'s code and receives its height', async () => {
  const author = await newPage();
  await author.page.goto(`${app.standIn.url}/#/btc/address/${app.scenario.thief_address}`);
  await author.page.waitForSelector('#graph-summary[data-busy="false"][data-nodes]:not([data-nodes="0"])');
  await author.page.click('#trace-start');
  await traced(author.page);
  await author.page.click('#share-open');
  const snippet = await author.page.locator('#share-iframe').inputValue();
  await author.page.close();
  assert.match(snippet, /loading="lazy"/);
  assert.match(snippet, /sandbox="allow-scripts allow-same-origin/);
  assert.match(snippet, /aspect-ratio:4\/3/);
  assert.match(snippet, /title="Where the coins of /);

  // The article is served from another origin on loopback (a real server: Chromium's local
  // network access checks block a page of unknown address from framing 127.0.0.1); it records
  // every message the iframe posts.
  const { page, seen } = await newPage({ width: 900, height: 800 });
  const article = `<!doctype html><html><body><h1>News</h1>
    <script>window.received = []; addEventListener('message', (e) => window.received.push(e.data));</script>
    <div style="width:720px">${snippet.replace('?embed=1', '?embed=1&childId=spoor-graph')}</div>
    <p>After the graph.</p></body></html>`;
  const server = http.createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(article);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => server.close());
  await page.goto(`http://127.0.0.1:${server.address().port}/story.html`);
  const frame = page.frameLocator('#spoor-graph');
  await frame.locator('#embed-title').waitFor({ timeout: 60000 });
  await page.waitForFunction(() => {
    const r = window.received;
    return r.some((m) => typeof m === 'string' && m.startsWith('pymxPYMxspoor-graphxPYMxheightxPYMx'))
      && r.some((m) => m && m.sentinel === 'amp' && m.type === 'embed-size' && m.height > 0)
      && r.some((m) => m && m['spoor-height'] && m['spoor-height'].height > 0);
  }, null, { timeout: 30000 });
  await frame.locator('#embed-summary:has-text("haircut trace")').waitFor({ timeout: 60000 });
  const last = await page.evaluate(() => window.received.filter((m) => m && m['spoor-height']).at(-1)['spoor-height']);
  assert.equal(last.id, 'spoor-graph');
  // The snippet's listener sized the iframe to the page inside it.
  await page.waitForFunction((h) => document.getElementById('spoor-graph').style.height === `${h}px`, last.height);
  const inner = await frame.locator('html').evaluate((e) => e.scrollHeight);
  assert.ok(Math.abs(inner - last.height) <= 2, `iframe page ${inner}px, posted ${last.height}px`);

  // Minimal chrome: title, source note, summary, text alternative, "Open in Spoor" leaving the article.
  assert.match(await frame.locator('#embed-title').textContent(), /Where the coins of/);
  assert.match(await frame.locator('#embed-source').textContent(), /^Data: .*pinned at block [\d,]+ · method: haircut$/);
  assert.ok((await frame.locator('#text-transfers li').count()) > 0);
  const open = frame.locator('#open-in-spoor');
  assert.equal(await open.getAttribute('target'), '_top');
  assert.doesNotMatch(await open.getAttribute('href'), /embed=1/);
  assert.equal(await frame.locator('#share-open').count(), 0, 'no app chrome in the embed');
  await page.screenshot({ path: path.join(app.out, 'embed-article.png'), fullPage: true });

  // Dark: from the reader's preference, or forced by the URL.
  await page.emulateMedia({ colorScheme: 'dark' });
  const background = () => frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(await background(), 'rgb(22, 22, 22)');
  const forced = await newPage();
  await forced.page.emulateMedia({ colorScheme: 'dark' });
  await forced.page.goto(`${app.standIn.url}/?embed=1&theme=light#/btc/address/${app.scenario.thief_address}`);
  await forced.page.waitForSelector('#embed-title');
  assert.equal(await forced.page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(247, 247, 244)');
  await forced.page.close();
  assert.deepEqual(seen.problems, []);
  await page.close();
});
