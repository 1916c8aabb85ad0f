// End to end: the case gallery, the start page when the URL names nothing. Every case of the
// issue is listed (the real ones first, the untraceable ones with their reason, the synthetic demo
// last), and each link opens its exact route. The stand-in knows only the simulated chain: the
// real cases' traces find nothing here, and requests to public explorers are answered in the page
// (never sent), so the test only checks which route, chain and address the link opened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { graphCounts, historyOf, startStandIn, useAppUnderTest } from './support.mjs';

const app = useAppUnderTest({
  extraArgs: (dir, scenario) => [
    '--labels', path.join(dir, 'labels.csv'),
    '--demo-route', `/btc/address/${scenario.thief_address}`,
    // Not a chain Spoor knows: the gallery leaves it out instead of failing.
    '--demo-route', '/eth/address/0x00',
  ],
});

const CASES = ['zaif-2018', 'bitfinex-2016', 'nicehash-2017', 'wannacry-2017', 'twitter-2020', 'colonial-2021', 'mtgox-2014'];
const UNTRACEABLE = {
  'coincheck-2018': /account-based chain/,
  'bitstamp-2015': /No theft address has been published/,
  'poloniex-2014': /No theft address has been published/,
};
const ZAIF = [
  ['btc', '1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w'],
  ['bch', 'qrn0jwaq3at5hhxsne8gmg5uemudl57r05pdzu2nyd'],
  ['mona', 'MBEYH8JuAHynTA7unLjon7p7im2U9JbitV'],
];

/**
 * The bare page (no hash) of `url`; every request is recorded, and requests to other origins
 * (the public explorers of the real cases) are answered with a Blockbook-style 404 in the page.
 */
async function openGallery(url = app.standIn.url) {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  const requests = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  page.on('request', (request) => requests.push(decodeURIComponent(request.url())));
  await page.route((target) => target.origin !== new URL(url).origin, (route) => route.fulfill({
    status: 404,
    contentType: 'application/json',
    headers: { 'access-control-allow-origin': '*' },
    body: JSON.stringify({ error: 'not served in this offline test' }),
  }));
  await page.goto(`${url}/`);
  await page.waitForSelector('#case-gallery article.case');
  return { page, problems, requests };
}

const hashOf = (page) => new URL(page.url()).hash;

test('the bare page shows the case gallery: every case of the issue, the untraceable ones with their reason, the synthetic demo last', async () => {
  const { page, problems } = await openGallery();
  // The router writes the Home route as `#/`; nothing else is opened.
  assert.ok(['', '#/'].includes(hashOf(page)), `the bare page opens nothing: ${hashOf(page)}`);
  assert.ok(await page.locator('#search-input').isVisible(), 'the search box stays there');
  assert.equal(await page.locator('#graph-canvas').count(), 0, 'no graph on the gallery');

  const ids = await page.$$eval('#case-gallery article.case', (cards) => cards.map((c) => c.dataset.caseId));
  assert.deepEqual(ids, [...CASES, ...Object.keys(UNTRACEABLE), 'synthetic-demo']);

  for (const id of CASES) {
    const card = page.locator(`article[data-case-id="${id}"]`);
    assert.ok((await card.locator('h4').textContent()).length > 0, `${id} has a name`);
    assert.match(await card.locator('time').getAttribute('datetime'), /^\d{4}-\d{2}(-\d{2})?$/, `${id} has a date`);
    assert.ok(await card.locator('.case-amounts li').count() > 0, `${id} states amounts`);
    const sources = await card.locator('.case-sources a').evaluateAll((links) => links.map((a) => [a.href, a.target, a.rel]));
    assert.ok(sources.length > 0, `${id} links its sources`);
    for (const [href, target, rel] of sources) {
      assert.match(href, /^https:\/\//);
      assert.equal(target, '_blank');
      assert.equal(rel, 'noopener noreferrer');
    }
    const opens = await card.locator('a.open-trace').evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href')]));
    assert.ok(opens.length > 0, `${id} opens a trace`);
    for (const [text, href] of opens) {
      assert.match(text, /^Open the (BTC|BCH|MONA) trace$/);
      assert.match(href, /^#\/(btc|bch|mona)\/(address|tx)\//);
    }
  }
  assert.ok(await page.locator('article[data-case-id="zaif-2018"] .case-notes li').count() > 0, 'what is known about Zaif');

  // Mt.Gox, and only Mt.Gox, is marked low confidence where a reader sees it.
  const lowMark = page.locator('article[data-case-id="mtgox-2014"] .low-confidence');
  assert.ok(await lowMark.isVisible());
  assert.match(await lowMark.textContent(), /low confidence/i);
  assert.equal(await page.locator('#case-gallery .low-confidence').count(), 1);

  for (const [id, reason] of Object.entries(UNTRACEABLE)) {
    const card = page.locator(`article.untraceable[data-case-id="${id}"]`);
    assert.match(await card.locator('.untraceable-reason').textContent(), reason);
    assert.equal(await card.locator('a.open-trace').count(), 0, `${id} opens nothing`);
    assert.match(await card.locator('.case-sources a').getAttribute('href'), /^https:\/\/en\.wikipedia\.org\/wiki\//);
  }

  // The demo: marked synthetic, one link for the served route (the unknown chain is left out).
  const demo = page.locator('article[data-case-id="synthetic-demo"]');
  assert.ok(await demo.locator('.synthetic-mark').isVisible());
  assert.equal((await demo.locator('.synthetic-mark').textContent()).trim(), 'synthetic');
  const demoLinks = await demo.locator('a.open-trace').evaluateAll((links) => links.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(demoLinks, [['Open the synthetic BTC trace', `#/btc/address/${app.scenario.thief_address}`]]);

  // The whole gallery in one picture (it scrolls inside the page).
  const height = await page.$eval('#case-gallery', (el) => Math.ceil(el.getBoundingClientRect().top + el.scrollHeight));
  await page.setViewportSize({ width: 1280, height });
  await page.screenshot({ path: path.join(app.out, 'gallery.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test("Zaif's BTC, BCH and MONA links open the exact routes, each on its chain and address", async () => {
  const { page, problems, requests } = await openGallery();
  for (const [chain, address] of ZAIF) {
    const route = `#/${chain}/address/${address}`;
    const link = page.locator(`article[data-case-id="zaif-2018"] a.open-trace[data-chain="${chain}"]`);
    assert.equal(await link.getAttribute('href'), route);
    const before = requests.length;
    await link.click();
    await page.waitForFunction((r) => location.hash === r || location.hash.startsWith(`${r}?`), route);
    await page.waitForSelector('#graph-summary');
    assert.equal(await page.locator('#case-gallery').count(), 0, 'the gallery gives way to the trace');
    assert.equal(await page.locator('#search-chain').inputValue(), chain, 'the page is on the chain of the link');
    // The page asks its explorer about exactly this address (the stand-in or, answered in the
    // page, the chain's public explorer).
    await page.waitForFunction(() => document.querySelector('#graph-summary')?.dataset.busy === 'false', null, { timeout: 30000 });
    const asked = requests.slice(before).filter((url) => url.includes(address));
    assert.ok(asked.length > 0, `a request names ${address}: ${requests.slice(before, before + 5)}`);
    // Back to the gallery for the next coin.
    await page.goBack();
    await page.waitForSelector('#case-gallery article.case');
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the synthetic demo link opens the simulated thief and draws its history', async () => {
  const { page, problems } = await openGallery();
  const thief = app.scenario.thief_address;
  await page.click('article[data-case-id="synthetic-demo"] a.open-trace[data-chain="btc"]');
  await page.waitForFunction((r) => location.hash.startsWith(r), `#/btc/address/${thief}`);
  const expected = graphCounts(historyOf(app.chain, thief));
  await page.waitForSelector(`#graph-summary[data-busy="false"][data-nodes="${expected.nodes}"]`, { timeout: 30000 });
  assert.equal(await page.locator('#graph-summary').getAttribute('data-edges'), String(expected.edges));
  assert.deepEqual(problems, []);
  await page.close();
});

test('without a served demo the gallery says how to run the offline demo', async () => {
  const bare = await startStandIn({
    bin: process.env.SPOOR_BIN, chain: path.join(app.chainDir, 'chain.jsonl'), dist: process.env.SPOOR_DIST,
  });
  try {
    const { page, problems } = await openGallery(bare.url);
    const demo = page.locator('article[data-case-id="synthetic-demo"]');
    assert.equal(await demo.locator('a.open-trace').count(), 0);
    assert.match(await demo.locator('.demo-offline').textContent(), /bash scripts\/demo\.sh/);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    bare.stop();
  }
});
