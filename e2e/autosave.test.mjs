// End to end: work is not lost. The view on screen is kept in the browser as it changes; after the
// tab dies (closed without unload) the start page offers to continue exactly there. Embeds never
// overwrite it, and a tampered entry is ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { graphCounts, historyOf, settledLink, useAppUnderTest } from './support.mjs';

const app = useAppUnderTest({
  extraArgs: (dir, scenario) => ['--demo-route', `/btc/address/${scenario.thief_address}`],
});

test('after a crash the start page continues the last investigation', async () => {
  const context = await app.browser.newContext();
  const thief = app.scenario.thief_address;
  const nodes = graphCounts(historyOf(app.chain, thief)).nodes;
  const page = await context.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  await page.goto(`${app.standIn.url}/#/btc/address/${thief}`);
  await page.waitForSelector(`#graph-summary[data-nodes="${nodes}"][data-busy="false"]`, { timeout: 30000 });
  await page.click('#layout-time');
  await page.click('#view-address');
  const hash = await settledLink(page);
  assert.match(hash, /\?view=/);
  await page.close({ runBeforeUnload: false });

  // An embed seen meanwhile (an article) does not replace it.
  const embed = await context.newPage();
  await embed.goto(`${app.standIn.url}/?embed=1#/btc/address/${app.scenario.mixer_deposit_address}`);
  await embed.waitForSelector('#graph-summary[data-busy="false"]', { timeout: 30000 });
  await embed.close();

  const again = await context.newPage({ viewport: { width: 1280, height: 900 } });
  again.on('pageerror', (err) => problems.push(String(err)));
  await again.goto(`${app.standIn.url}/`);
  await again.waitForSelector('#resume-link');
  assert.equal(await again.getAttribute('#resume-link', 'href'), hash);
  assert.match(await again.textContent('#resume'), new RegExp(thief));
  await again.screenshot({ path: path.join(app.out, 'autosave-resume.png') });
  await again.click('#resume-link');
  await again.waitForSelector('#graph-canvas[data-layout-kind="time"]', { timeout: 30000 });
  await again.waitForSelector('#view-address[aria-pressed="true"]');
  assert.equal(await settledLink(again), hash, 'the same view, to the link');

  // Storage holds anything a stranger's script could have put there: only a valid route is offered.
  await again.evaluate(() => localStorage.setItem('spoor.last-view', 'javascript:alert(1)'));
  await again.goto(`${app.standIn.url}/`);
  await again.waitForSelector('#case-gallery');
  assert.equal(await again.$('#resume'), null);
  assert.deepEqual(problems, []);
  await context.close();
});
