'use strict';
// End-to-end: a large design stays usable (issue 21). Its long lists (findings, cost lines)
// show a page at a time with a button for the next page, and far out the canvas leaves the
// cards' texts out (they would be under 3 px on screen) until the student zooms in.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CANVAS, NODE, start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 15_000;
const PAGE = 100; // ui/panels/more.rs

/** A design of `n` RDS instances in a grid, outside any VPC: each one has findings and a cost. */
function manyDatabases(n) {
  const nodes = [];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `db${i}`, kind: 'rds_postgres', label: `DB ${i}`, x: (i % 20) * 200, y: Math.floor(i / 20) * 120 });
  }
  return JSON.stringify({ format: 'kumozu-design', version: 1, name: 'Many databases', region: 'ap-northeast-1', nodes, edges: [] });
}

describe('a large design in the browser (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('long lists show a page at a time; far out the cards are boxes until zoomed in', T, async () => {
    const { context, page, errors } = await openApp(env, { viewport: { width: 1366, height: 768 } });
    try {
      const n = 300;
      await page.setInputFiles('[data-testid="open-file"]', {
        name: 'many.json',
        mimeType: 'application/json',
        buffer: Buffer.from(manyDatabases(n), 'utf8'),
      });
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [NODE, n], { timeout: STEP_MS });

      // Findings: the first page, then the next one.
      const findings = '[data-testid="findings-list"] > li';
      await page.waitForFunction((sel) => document.querySelectorAll(sel).length > 0, findings, { timeout: STEP_MS });
      const total = await page.$eval('[data-testid="findings-summary"]', (el) =>
        [...el.querySelectorAll('[data-count]')].reduce((s, b) => s + Number(b.getAttribute('data-count')), 0),
      );
      assert.ok(total > 2 * PAGE, `the design has more than two pages of findings (${total})`);
      assert.equal(await page.locator(findings).count(), PAGE, 'the first page of findings');
      const more = page.locator('[data-testid="findings"] [data-testid="show-more"]');
      assert.match(await more.innerText(), new RegExp(`Show ${PAGE} more \\(${total - PAGE} not shown\\)`));
      await more.click();
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [findings, 2 * PAGE], { timeout: STEP_MS });

      // Cost: one group per database, a page at a time.
      const groups = '[data-testid="cost-lines"] > li.cost-group';
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [groups, PAGE], { timeout: STEP_MS });
      const costMore = page.locator('[data-testid="cost"] [data-testid="show-more"]').first();
      const said = (await costMore.innerText()).match(new RegExp(`^Show ${PAGE} more \\((\\d+) not shown\\)$`));
      assert.ok(said, `the button says how many are not shown: ${await costMore.innerText()}`);
      // Every database has its group (and the design-wide lines one more).
      const all = PAGE + Number(said[1]);
      assert.ok(all >= n && all <= n + 1, `${all} groups for ${n} databases`);
      await costMore.click();
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [groups, 2 * PAGE], { timeout: STEP_MS });
      for (let shown = 2 * PAGE; shown < all; shown += PAGE) await costMore.click();
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [groups, all], { timeout: STEP_MS });
      assert.equal(await costMore.isVisible(), false, 'no button once the whole list is shown');

      // Far out (the whole grid fits: labels under 3 px), the cards' texts are not drawn.
      const labelShown = () =>
        page.$eval(`${CANVAS} [data-node-id="db0"] .card-label`, (t) => getComputedStyle(t).display !== 'none');
      assert.equal(await page.$eval(CANVAS, (svg) => svg.classList.contains('is-far')), true, 'far out at fit');
      assert.equal(await labelShown(), false, 'no label far out');
      assert.equal(await page.$eval(`${CANVAS} [data-node-id="db0"] .icon`, (g) => getComputedStyle(g).display !== 'none'), true, 'the icons stay');
      for (let i = 0; i < 6 && (await page.$eval(CANVAS, (svg) => svg.classList.contains('is-far'))); i++) {
        await page.locator('[data-testid="zoom-in"]').click();
      }
      assert.equal(await labelShown(), true, 'the labels are back once zoomed in');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
