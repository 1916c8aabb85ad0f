// End to end: the interface language. From the browser's preferences, overridden by `?lang=`,
// chosen in the menu; reflected in <html lang>, kept in the address bar, the Share dialog's
// link and iframe code, and in a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { graphCounts, historyOf, settledLink, useAppUnderTest } from './support.mjs';

const app = useAppUnderTest();

const SHARE = { en: 'Share / export', de: 'Teilen / Export', zh: '分享 / 导出', ja: '共有 / 書き出し' };

async function open(context, query) {
  const page = await context.newPage();
  const thief = app.scenario.thief_address;
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  await page.goto(`${app.standIn.url}/${query}#/btc/address/${thief}`);
  const nodes = graphCounts(historyOf(app.chain, thief)).nodes;
  await page.waitForSelector(`#graph-summary[data-nodes="${nodes}"][data-busy="false"]`, { timeout: 30000 });
  return { page, problems };
}

const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

test('the browser language is spoken unless ?lang= says otherwise', async () => {
  const context = await app.browser.newContext({ locale: 'ja-JP' });
  const { page, problems } = await open(context, '');
  assert.equal(await htmlLang(page), 'ja');
  assert.equal(await page.textContent('#share-open'), SHARE.ja);
  assert.equal(await page.inputValue('#language'), 'ja');
  await page.close();

  const german = await open(context, '?lang=de');
  assert.equal(await htmlLang(german.page), 'de');
  assert.equal(await german.page.textContent('#share-open'), SHARE.de);
  await german.page.screenshot({ path: path.join(app.out, 'i18n-de.png') });
  assert.deepEqual([...problems, ...german.problems], []);
  await context.close();
});

test('a language chosen in the menu stays in the links and after a reload', async () => {
  const context = await app.browser.newContext({ locale: 'en-US' });
  const { page, problems } = await open(context, '');
  assert.equal(await htmlLang(page), 'en');
  assert.equal(await page.textContent('#share-open'), SHARE.en);

  await page.selectOption('#language', 'zh');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
  assert.equal(await page.textContent('#share-open'), SHARE.zh);
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'zh');
  await settledLink(page);

  // The Share dialog's link and iframe code carry the language.
  await page.click('#share-open');
  const shared = await page.evaluate(() => [...document.querySelectorAll('#share-dialog input, #share-dialog textarea')]
    .map((e) => e.value).join('\n'));
  assert.match(shared, /[?&]lang=zh/);
  assert.match(shared, /embed=1/);

  await page.reload();
  await page.waitForSelector('#graph-summary[data-busy="false"]', { timeout: 30000 });
  assert.equal(await htmlLang(page), 'zh-Hans');
  assert.equal(await page.inputValue('#language'), 'zh');
  assert.equal(await page.textContent('#share-open'), SHARE.zh);

  // An embed of the link speaks it too.
  const embed = await context.newPage();
  await embed.goto(`${app.standIn.url}/?embed=1&lang=ja#/btc/address/${app.scenario.thief_address}`);
  await embed.waitForSelector('#open-in-spoor');
  assert.equal(await htmlLang(embed), 'ja');
  assert.equal(await embed.textContent('#open-in-spoor'), 'Spoor で開く ↗');
  assert.deepEqual(problems, []);
  await context.close();
});
