'use strict';
// End-to-end: the diagram before the wasm. dist/index.html carries the start template's diagram
// (public/prerender.html, spliced in by scripts/post-build.js), so it shows with JavaScript off;
// the app replaces it with its own first frame, the same picture in the same place, marks
// <html data-app-ready>, and a link's design or the autosaved one replaces it at once.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { NODE, PARTY_BOX_IDS, start, openApp, waitForSettledHash, nodeIds, APP_TIMEOUT_MS } = require('./harness');

const T = { timeout: 120_000 };
const SHELL_NODE = '#prerender svg.canvas [data-node-id][data-node-kind]';
const VIEWPORT = { width: 1600, height: 900 };

/** Node id → its box on screen, for the nodes `selector` finds. */
async function boxes(page, selector) {
  return page.$$eval(selector, (els) =>
    Object.fromEntries(
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return [e.dataset.nodeId, [r.x, r.y, r.width, r.height]];
      }),
    ),
  );
}

describe('the prerendered diagram (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('with JavaScript off, the page shows the Party Box diagram and nothing to focus', T, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP', viewport: VIEWPORT });
    const page = await context.newPage();
    try {
      await page.goto(env.server.url, { waitUntil: 'load' });
      const ids = await page.$$eval(SHELL_NODE, (els) => els.map((e) => e.dataset.nodeId).sort());
      assert.deepEqual(ids, PARTY_BOX_IDS);
      assert.ok((await page.locator('#prerender svg.canvas [data-edge-id]').count()) > 0, 'no connection drawn');
      // Drawn on screen, not just present: the ALB's card has a size inside the canvas area.
      const alb = await page.locator('#prerender [data-node-id="alb"]').boundingBox();
      assert.ok(alb && alb.width > 20 && alb.height > 20, `ALB card not drawn: ${JSON.stringify(alb)}`);
      const title = await page.$eval('#prerender svg.canvas > title', (t) => t.textContent);
      assert.ok(title.length > 0, 'the diagram has no title');
      assert.equal(await page.locator('#prerender svg.canvas').getAttribute('role'), 'img');
      // The note for pages without JavaScript is shown; the app never marked itself ready.
      assert.ok(await page.locator('#prerender .noscript').isVisible(), 'the no-JavaScript note is hidden');
      assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-app-ready')), false);
      // Tab reaches nothing in the page (the header's controls are inert until the app runs).
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => document.activeElement && document.activeElement.tagName);
        assert.ok(['BODY', 'HTML', undefined, null].includes(focused), `Tab focused a ${focused}`);
      }
    } finally {
      await context.close();
    }
  });

  for (const viewport of [VIEWPORT, { width: 390, height: 844 }]) {
    test(`the app takes over in place and marks <html data-app-ready> (${viewport.width} × ${viewport.height})`, T, async () => {
      // Where the prerender draws each node before the app runs (the wasm held back).
      const off = await env.browser.newContext({ locale: 'ja-JP', viewport });
      const offPage = await off.newPage();
      await offPage.route('**/*_bg.wasm', (route) => route.abort());
      await offPage.goto(env.server.url, { waitUntil: 'load' });
      const before = await boxes(offPage, SHELL_NODE);
      const headerBefore = await offPage.locator('#prerender .app-header').boundingBox();
      await off.close();

      const { context, page, errors } = await openApp(env, { locale: 'ja-JP', viewport });
      try {
        await page.waitForSelector('html[data-app-ready]', { timeout: APP_TIMEOUT_MS });
        assert.equal(await page.locator('#prerender').count(), 0, 'the prerendered page is still there');
        assert.equal(await page.locator('.app').count(), 1);
        assert.deepEqual(await nodeIds(page), PARTY_BOX_IDS);
        // Same header height, and every node where the prerender drew it (the default view).
        const headerAfter = await page.locator('.app-header').boundingBox();
        assert.ok(Math.abs(headerAfter.height - headerBefore.height) < 0.5, `header ${headerBefore.height} → ${headerAfter.height} px`);
        const after = await boxes(page, NODE);
        for (const id of PARTY_BOX_IDS) {
          const [a, b] = [before[id], after[id]];
          const moved = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
          assert.ok(moved < 1, `${id} moved by ${moved.toFixed(2)} px: ${a} → ${b}`);
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test("a link's design and the autosaved design replace the prerendered one", T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const partyBox = await waitForSettledHash(page);
      await page.selectOption('[data-testid="template-switcher"]', 'blank');
      await page.waitForFunction((n) => document.querySelectorAll(n).length < 14, NODE);
      const blankIds = await nodeIds(page);
      assert.notDeepEqual(blankIds, PARTY_BOX_IDS);
      const blank = await waitForSettledHash(page, partyBox);

      // The link, in a fresh profile (no autosave): the blank design, no Party Box left over.
      const fresh = await env.browser.newContext({ locale: 'en-US' });
      const other = await fresh.newPage();
      await other.goto(`${env.server.url}${blank}`);
      await other.waitForSelector('html[data-app-ready]', { timeout: APP_TIMEOUT_MS });
      assert.deepEqual(await nodeIds(other), blankIds);
      assert.equal(await other.locator('#prerender').count(), 0);
      assert.equal(await other.locator('[data-node-id="alb"]').count(), 0, 'a Party Box node is still drawn');
      await fresh.close();

      // The autosave: the same profile, the bare address.
      await page.goto('about:blank');
      await page.goto(env.server.url);
      await page.waitForSelector('html[data-app-ready]', { timeout: APP_TIMEOUT_MS });
      assert.deepEqual(await nodeIds(page), blankIds);
      assert.equal(await page.locator('#prerender').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
