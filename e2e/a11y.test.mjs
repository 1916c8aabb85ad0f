// End to end: every reader. axe-core finds no serious or critical violation on the main view,
// the embed and the case gallery, in every interface language (and in the dark theme); the
// keyboard alone goes from the search field to an expanded node; the flows table sorts and
// follows the graph's selection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { graphCounts, historyOf, useAppUnderTest } from './support.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const app = useAppUnderTest({
  extraArgs: (dir, scenario) => [
    '--labels', path.join(dir, 'labels.csv'),
    '--demo-route', `/btc/address/${scenario.thief_address}`,
  ],
});

const LANGS = ['en', 'de', 'zh', 'ja'];

/** Serious and critical axe violations on the page, as readable lines. */
async function axeProblems(page) {
  // Evaluated through the DevTools protocol: the page's policy refuses any script tag not its own.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${n.failureSummary}`),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}):\n    ${v.nodes.join('\n    ')}`);
}

async function newPage(options = {}) {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
  const problems = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  return { page, problems };
}

async function openThief(page, query) {
  const thief = app.scenario.thief_address;
  await page.goto(`${app.standIn.url}/${query}#/btc/address/${thief}`);
  const nodes = graphCounts(historyOf(app.chain, thief)).nodes;
  await page.waitForSelector(`#graph-summary[data-nodes="${nodes}"][data-busy="false"]`, { timeout: 30000 });
  await page.waitForSelector('#graph-canvas[data-layout="settled"]', { timeout: 30000 });
}

test('axe finds no serious or critical violation on the main view, embed and gallery in every language', async () => {
  const found = [];
  const { page, problems } = await newPage();
  for (const lang of LANGS) {
    const views = [
      ['gallery', async () => {
        await page.goto(`${app.standIn.url}/?lang=${lang}`);
        await page.waitForSelector('#case-gallery');
      }],
      ['main', async () => {
        await openThief(page, `?lang=${lang}`);
        // With the table open and a node selected, so their parts are checked too.
        await page.click('#flows summary');
        await page.click('#flows-table tbody tr button.link');
        await page.waitForSelector('#side-panel h2');
      }],
      ['embed', async () => openThief(page, `?embed=1&lang=${lang}`)],
    ];
    if (lang === 'en') {
      views.push(['main-dark', async () => openThief(page, '?theme=dark')]);
      // The Share dialog (checked open), whose link and iframe code keep the page's theme.
      views.push(['share-dark', async () => {
        await page.click('#share-open');
        const shared = await page.evaluate(() => [...document.querySelectorAll('#share-dialog input, #share-dialog textarea')]
          .map((e) => e.value).join('\n'));
        assert.match(shared, /embed=1&(amp;)?theme=dark/);
        assert.match(shared, /\?theme=dark#/);
      }]);
      views.push(['embed-dark', async () => openThief(page, '?embed=1&theme=dark')]);
    }
    for (const [name, open] of views) {
      await open();
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang === 'zh' ? 'zh-Hans' : lang);
      for (const problem of await axeProblems(page)) found.push(`[${name} ${lang}] ${problem}`);
      if (lang === 'ja' || name.endsWith('dark')) {
        await page.screenshot({ path: path.join(app.out, `a11y-${name}-${lang}.png`) });
      }
    }
  }
  assert.deepEqual(found, [], found.join('\n'));
  assert.deepEqual(problems, []);
  await page.close();
});

/** Presses Tab until `selector` has the focus (at most `limit` times). */
async function tabTo(page, selector, limit = 40) {
  for (let i = 0; i < limit; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

const announced = (page) => page.textContent('#graph-announce');

test('the keyboard alone goes from the search field to an expanded node', async () => {
  const { page, problems } = await newPage();
  const thief = app.scenario.thief_address;
  await page.goto(`${app.standIn.url}/?lang=en`);
  await page.waitForSelector('#case-gallery');
  await tabTo(page, '#search-input');
  await page.keyboard.type(thief);
  await page.keyboard.press('Enter');
  const history = historyOf(app.chain, thief);
  const nodes = graphCounts(history).nodes;
  await page.waitForSelector(`#graph-summary[data-nodes="${nodes}"][data-busy="false"]`, { timeout: 30000 });
  await page.waitForSelector('#graph-canvas[data-layout="settled"]', { timeout: 30000 });

  await tabTo(page, '#graph-canvas');
  // The focus is visible: the canvas draws an outline when reached by the keyboard.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');

  // → starts at the traced address, → again follows its largest outgoing link to a transaction,
  // → again to an address it paid.
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#graph-announce').textContent.startsWith('Address'));
  assert.match(await announced(page), new RegExp(thief));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#graph-announce').textContent.startsWith('Transaction'));
  const txAnnouncement = await announced(page);
  assert.match(txAnnouncement, /outgoing and \d+ incoming links/);
  const txid = txAnnouncement.split(' ')[1].replace(/\.$/, '');
  assert.match(await page.textContent('#side-panel'), new RegExp(txid));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#graph-announce').textContent.startsWith('Address'));
  // The largest output may be change back to the thief: ↓ walks the transaction's other outputs.
  let receiver = thief;
  for (let i = 0; i < 10 && receiver === thief; i += 1) {
    receiver = (await announced(page)).split(' ')[1].replace(/\.$/, '');
    if (receiver === thief) {
      await page.keyboard.press('ArrowDown');
      await page.waitForFunction((t) => !document.querySelector('#graph-announce').textContent.includes(t), thief);
    }
  }
  assert.notEqual(receiver, thief);
  // ↓ steps to another output of the same transaction, ↑ back.
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((r) => !document.querySelector('#graph-announce').textContent.includes(r), receiver);
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction((r) => document.querySelector('#graph-announce').textContent.includes(r), receiver);
  assert.match(await page.textContent('#side-panel'), new RegExp(receiver));
  await page.screenshot({ path: path.join(app.out, 'a11y-keyboard-selected.png') });

  // Enter expands it: its history is loaded and the graph grows.
  await page.keyboard.press('Enter');
  await page.waitForFunction((before) => {
    const summary = document.querySelector('#graph-summary');
    return summary.dataset.busy === 'false' && Number(summary.dataset.nodes) > before;
  }, nodes, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'graph-canvas', 'the focus stays on the graph');

  // Escape clears the selection.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('#graph-announce').textContent === 'Selection cleared');
  assert.equal(await page.getAttribute('#graph-canvas', 'data-selected-px'), '');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the flows table sorts by every column and follows the selection', async () => {
  const { page, problems } = await newPage();
  await openThief(page, '?lang=en');
  await page.click('#flows summary');
  const amounts = () => page.$$eval('#flows-table tbody tr', (rows) => rows.map((r) => Number(r.dataset.sats)));
  const first = await amounts();
  assert.ok(first.length >= 2, 'several flows');
  assert.deepEqual(first, [...first].sort((a, b) => b - a), 'largest first');
  await page.click('#flows-sort-amount');
  assert.equal(await page.getAttribute('#flows-table th:nth-child(3)', 'aria-sort'), 'ascending');
  const ascending = await amounts();
  assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b), 'smallest first');
  assert.ok(ascending[0] <= first[first.length - 1]);
  // Long tables come in pages of 100 rows.
  if (await page.$('#flows-more')) {
    assert.equal(ascending.length, 100);
    await page.click('#flows-more');
    assert.ok((await amounts()).length > 100);
  }
  await page.click('#flows-sort-from');
  assert.equal(await page.getAttribute('#flows-table th:nth-child(1)', 'aria-sort'), 'ascending');
  const froms = await page.$$eval('#flows-table tbody tr', (rows) => rows.map((r) => r.dataset.from));
  assert.deepEqual(froms, [...froms].sort());

  // A party's button selects it on the graph; the rows touching it are marked and can be kept alone.
  const receiver = await page.getAttribute('#flows-table tbody tr:nth-child(1)', 'data-to');
  await page.click('#flows-table tbody tr:nth-child(1) td:nth-child(2) button');
  const address = receiver.replace(/^addr:/, '');
  await page.waitForFunction((a) => document.querySelector('#side-panel')?.textContent.includes(a), address);
  assert.notEqual(await page.getAttribute('#graph-canvas', 'data-selected-px'), '');
  const marked = await page.$$eval('#flows-table tbody tr[aria-current="true"]',
    (rows) => rows.map((r) => [r.dataset.from, r.dataset.to]));
  assert.ok(marked.length >= 1);
  for (const [from, to] of marked) assert.ok(from === receiver || to === receiver);
  await page.check('#flows-only-selected');
  assert.equal(await page.$$eval('#flows-table tbody tr', (rows) => rows.length), marked.length);

  // At the address level the amount selects the flow's ◆ handle, listing its transactions.
  await page.uncheck('#flows-only-selected');
  await page.click('#view-address');
  await page.waitForSelector('#graph-canvas[data-layout="settled"]', { timeout: 30000 });
  const sats = await page.getAttribute('#flows-table tbody tr:nth-child(1)', 'data-sats');
  await page.click('#flows-table tbody tr:nth-child(1) td:nth-child(3) button');
  await page.waitForSelector(`#flow-total[data-sats="${sats}"]`);
  await page.screenshot({ path: path.join(app.out, 'a11y-flows-table.png') });
  assert.deepEqual(problems, []);
  await page.close();
});

test('narrow iframes and phones: nothing runs off the side and controls stay big enough to tap', async () => {
  for (const [name, query, width] of [['embed', '?embed=1&lang=de', 320], ['main', '?lang=ja', 375]]) {
    const { page, problems } = await newPage({ viewport: { width, height: 700 }, hasTouch: true, isMobile: true });
    await openThief(page, query);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: ${overflow}px wider than the screen`);
    // WCAG 2.2 target size (minimum): 24 × 24 CSS px for every visible control (links in running
    // text, styled `.link`, fall under the rule's inline exception).
    const small = await page.$$eval('button, select, summary', (els) => els
      .filter((e) => e.offsetParent !== null && !e.closest('.visually-hidden') && !e.matches('.link'))
      .map((e) => [e.id || e.className || e.textContent.trim().slice(0, 20), e.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && (r.width < 24 || r.height < 24))
      .map(([label, r]) => `${label} ${Math.round(r.width)}×${Math.round(r.height)}`));
    assert.deepEqual(small, [], `${name}: small targets`);
    await page.screenshot({ path: path.join(app.out, `a11y-narrow-${name}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  }
});
