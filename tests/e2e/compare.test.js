'use strict';
// Compare two designs (issue #7, item 3): Party Box against itself as opened, after deleting
// its NAT Gateway (removed on A's diagram, a cost line gone), against another template and a
// broken link; a listed difference selects its node on the canvas; both languages.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CANVAS, start, openApp, waitForSettledHash } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const PANEL = '[data-testid="compare"]';
const SUMMARY = `${PANEL} [data-testid="compare-summary"]`;

/** Waits for the summary to say `count` differences (or any count above zero for '>0'). */
async function countIs(page, want) {
  await page.waitForFunction(([sel, w]) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const n = Number(el.dataset.count);
    return w === '>0' ? n > 0 : n === w;
  }, [SUMMARY, want], { timeout: STEP_MS });
  return Number(await page.getAttribute(SUMMARY, 'data-count'));
}

describe('compare two designs (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('differences listed and highlighted on both diagrams', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      // The address bar holds the untouched template's link once its debounce has passed.
      await page.waitForFunction(() => location.hash.length > 1, undefined, { timeout: STEP_MS });
      const untouched = await page.evaluate(() => location.hash);
      await page.locator(`${PANEL} summary`).click();
      // Unchanged: the same design.
      await page.click('[data-testid="compare-opened"]');
      await countIs(page, 0);
      assert.match(await page.textContent(SUMMARY), /same/);

      // Delete the NAT Gateway on the canvas: A (as opened) shows it removed, B lacks it.
      await page.locator(`${CANVAS} [data-node-id="nat"]`).click();
      await page.keyboard.press('Delete');
      await page.waitForFunction(() => !document.querySelector('[data-testid="canvas"] [data-node-id="nat"]'), undefined, { timeout: STEP_MS });
      await page.click('[data-testid="compare-opened"]');
      const n = await countIs(page, '>0');
      const removed = `${PANEL} [data-testid="compare-list"] li[data-diff-change="removed"][data-diff-a="nat"]`;
      await page.waitForSelector(removed, { state: 'attached', timeout: STEP_MS });
      assert.equal(await page.locator(`${PANEL} [data-testid="compare-a"] [data-node-id="nat"].diff-removed`).count(), 1);
      assert.equal(await page.locator(`${PANEL} [data-testid="compare-b"] [data-node-id="nat"]`).count(), 0);
      // Its edges are gone too, marked on A's side.
      assert.ok(await page.locator(`${PANEL} [data-testid="compare-a"] .edge.diff-removed`).count() > 0);
      // The cost lines are compared once the table is loaded: the NAT Gateway's hours are gone.
      await page.waitForSelector(`${PANEL} li[data-diff-category="cost"][data-diff-change="removed"]`, { state: 'attached', timeout: STEP_MS });
      assert.equal(await page.locator(`${PANEL} [data-testid="compare-list"] li`).count(), Number(await page.getAttribute(SUMMARY, 'data-count')));
      assert.ok(n > 1, `deleting a node and its edges is more than one difference (${n})`);

      // Against the blank template: Party Box's services are only in B, marked added there.
      await page.selectOption('[data-testid="compare-template"]', 'blank');
      await page.click('[data-testid="compare-template-go"]');
      await page.waitForSelector(`${PANEL} [data-testid="compare-b"] [data-node-id="nestjs"].diff-added`, { state: 'attached', timeout: STEP_MS });
      assert.match(await page.textContent(`${PANEL} [data-testid="compare-a"] figcaption`), /A · /);

      // Clicking a difference selects its node on the canvas.
      await page.click(`${PANEL} [data-testid="compare-list"] li[data-diff-b="nestjs"]`);
      await page.waitForSelector(`${CANVAS} [data-node-id="nestjs"].is-highlighted`, { state: 'attached', timeout: STEP_MS });

      // A broken link says why and keeps the comparison that was shown.
      const before = await page.getAttribute(SUMMARY, 'data-count');
      await page.fill('[data-testid="compare-link"]', 'https://example.com/#k1.not-a-design');
      await page.click('[data-testid="compare-link-go"]');
      await page.waitForSelector(`${PANEL} [data-testid="compare-error"]`, { timeout: STEP_MS });
      assert.equal(await page.getAttribute(SUMMARY, 'data-count'), before);

      // A real share link of this very design compares equal (a link carries the whole design).
      // The address bar follows the design 400 ms after the last edit.
      await waitForSettledHash(page, untouched);
      const link = await page.evaluate(() => location.href);
      assert.match(link, /#k\d+\./);
      await page.fill('[data-testid="compare-link"]', link);
      await page.click('[data-testid="compare-link-go"]');
      await countIs(page, 0);
      assert.equal(await page.locator(`${PANEL} [data-testid="compare-error"]`).count(), 0);

      // In Japanese.
      await page.click('[data-testid="lang-switch"] [data-lang="ja"]');
      await page.waitForFunction((sel) => /同じ/.test(document.querySelector(sel)?.textContent || ''), SUMMARY, { timeout: STEP_MS });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
