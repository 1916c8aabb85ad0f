// End to end: entity labels with their provenance and the reader's own labels.
// The app under test serves a label bundle built by `spoor labels bundle` from two small datasets
// that both tag the simulated mixer deposit address (so it has two tags, never one "best" one);
// the bundle of a chain is fetched only once a graph of that chain is shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { graphCounts, historyOf, launchChromium, loadChain, loadScenario, startStandIn } from './support.mjs';

const OUT = path.join(import.meta.dirname, 'out');
const HEAD = 'chain,address,entity,category,source_url\n';
const env = { browser: null, standIn: null, dir: null, scenario: null, chain: null };

before(async () => {
  const { SPOOR_BIN: bin, SPOOR_DIST: dist, SPOOR_CHAIN_DIR: chainDir } = process.env;
  assert.ok(bin && dist && chainDir, 'run through scripts/test.sh');
  env.scenario = loadScenario(chainDir);
  env.chain = loadChain(path.join(chainDir, 'chain.jsonl'));
  env.dir = mkdtempSync(path.join(tmpdir(), 'spoor-labels-'));
  const app = path.join(env.dir, 'app');
  cpSync(dist, app, { recursive: true });
  const mixer = env.scenario.mixer_deposit_address;
  writeFileSync(path.join(env.dir, 'alpha.csv'), `${HEAD}btc,${mixer},Alpha Exchange deposit,exchange,https://alpha.example/evidence\n`);
  writeFileSync(path.join(env.dir, 'beta.csv'), `${HEAD}btc,${mixer},Beta Mixer,mixer,https://beta.example/report\n`);
  writeFileSync(path.join(env.dir, 'datasets.csv'),
    'name,title,url,licence\nalpha,Alpha test dataset,https://alpha.example/,MIT\nbeta,Beta test dataset,https://beta.example/,CC0\n');
  rmSync(path.join(app, 'labels'), { recursive: true, force: true });
  execFileSync(bin, ['labels', 'bundle', '--datasets', path.join(env.dir, 'datasets.csv'), '--out', path.join(app, 'labels'),
    path.join(env.dir, 'alpha.csv'), path.join(env.dir, 'beta.csv')]);
  env.standIn = await startStandIn({
    bin, chain: path.join(chainDir, 'chain.jsonl'), dist: app,
    extraArgs: ['--demo-route', `/btc/address/${env.scenario.thief_address}`],
  });
  env.browser = await launchChromium();
});

after(async () => {
  await env.browser?.close();
  env.standIn?.stop();
  if (env.dir) rmSync(env.dir, { recursive: true, force: true });
});

async function open(context, hash) {
  const page = await context.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  const requests = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  page.on('request', (req) => requests.push(new URL(req.url()).pathname));
  await page.goto(`${env.standIn.url}/${hash}`);
  return { page, problems, requests };
}

async function waitForGraph(page) {
  const expected = graphCounts(historyOf(env.chain, env.scenario.thief_address));
  await page.waitForSelector(`#graph-summary[data-nodes="${expected.nodes}"][data-busy="false"]`, { timeout: 30000 });
}

async function selectNode(page, key) {
  await page.locator(`#drawn-nodes li[data-key="${key}"] button`).dispatchEvent('click');
}

test('a chain\'s bundled tags load only with its graph and show every tag with its provenance', async () => {
  const context = await env.browser.newContext();
  const { page, problems, requests } = await open(context, '');
  await page.waitForSelector('#case-gallery');
  await page.waitForFunction(() => true);
  await page.waitForTimeout(500);
  assert.ok(requests.includes('/labels/index.json'), 'the small index loads at start');
  assert.ok(!requests.some((p) => p.endsWith('.labels')), `no bundle on the gallery: ${requests}`);
  await page.click(`a.open-trace[href="#/btc/address/${env.scenario.thief_address}"]`);
  await waitForGraph(page);
  assert.deepEqual(requests.filter((p) => p.endsWith('.labels')), ['/labels/btc.labels']);

  await selectNode(page, env.scenario.mixer_deposit_address);
  const tags = page.locator('#side-panel .entity-tag');
  await tags.nth(1).waitFor();
  assert.equal(await tags.count(), 2);
  const first = tags.nth(0);
  assert.equal(await first.getAttribute('data-dataset'), 'alpha');
  assert.equal(await first.getAttribute('data-category'), 'exchange');
  assert.equal(await first.locator('.entity').textContent(), 'Alpha Exchange deposit');
  assert.equal(await first.locator('a.tag-source').getAttribute('href'), 'https://alpha.example/evidence');
  assert.equal(await first.locator('a.tag-dataset').getAttribute('href'), 'https://alpha.example/');
  assert.match(await first.locator('a.tag-dataset').getAttribute('title'), /Alpha test dataset \(licence: MIT\)/);
  assert.equal(await tags.nth(1).getAttribute('data-dataset'), 'beta');
  assert.equal(await tags.nth(1).getAttribute('data-category'), 'mixer');
  await page.screenshot({ path: path.join(OUT, 'labels-two-tags.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a reader\'s label and note survive a reload, export and import as CSV, and ride in a link when chosen', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const thief = env.scenario.thief_address;
  const { page, problems } = await open(context, `#/btc/address/${thief}`);
  await waitForGraph(page);
  await selectNode(page, thief);
  await page.click('#user-label-edit');
  await page.fill('#user-label-text', 'Thief, main wallet');
  await page.selectOption('#user-label-category', 'theft');
  await page.fill('#user-label-note', 'Seen first in the theft tx.\nSecond line.');
  await page.click('#user-label-save');
  const own = page.locator('#side-panel .entity-tag[data-dataset="your labels"]');
  await own.waitFor();
  assert.equal(await own.locator('.entity').textContent(), 'Thief, main wallet');
  assert.match(await page.locator('#side-panel .user-label.own .user-note').textContent(), /Second line/);
  await page.screenshot({ path: path.join(OUT, 'labels-user-label.png') });

  // Kept in the browser: a reload shows it again.
  await page.reload();
  await waitForGraph(page);
  await selectNode(page, thief);
  await own.waitFor();

  // Export: the shared label schema plus the note.
  await page.click('#share-open');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#export-user-labels')]);
  const csv = readFileSync(await file.path(), 'utf8');
  assert.equal(csv, `chain,address,entity,category,source_url,note\nbtc,${thief},"Thief, main wallet",theft,urn:spoor:user-label,"Seen first in the theft tx.\nSecond line."\n`);
  await page.click('#share-close');

  // Delete, then import the file back.
  await page.click('#user-label-edit');
  await page.click('#user-label-delete');
  await own.waitFor({ state: 'detached' });
  const exported = path.join(env.dir, 'mine.csv');
  writeFileSync(exported, csv);
  await page.click('#share-open');
  await page.setInputFiles('#import-user-labels', exported);
  await page.click('#share-close');
  await own.waitFor();

  // Not in the link until the author chooses; then a fresh reader (no storage) sees it.
  const before = new URL(page.url()).hash;
  await page.click('#share-open');
  await page.check('#share-user-labels');
  const link = await page.locator('#share-link').inputValue();
  assert.notEqual(new URL(link).hash, before);
  const reader = await env.browser.newContext();
  const fresh = await open(reader, new URL(link).hash);
  await waitForGraph(fresh.page);
  await selectNode(fresh.page, thief);
  await fresh.page.waitForSelector('#side-panel .user-label.from-link');
  assert.match(await fresh.page.locator('#side-panel .user-label.from-link').textContent(), /Thief, main wallet.*Second line/s);
  assert.deepEqual([...problems, ...fresh.problems], []);
  await reader.close();
  await context.close();
});
