'use strict';
// Accessibility: axe-core (from npm) run in Chromium over the main screens of the release
// build — the editor with the findings and cost panels, the course-companion sections (the
// calculator sheet, Fargate vs EC2, auto scaling, the checklist, compare), the inspector of an ALB with its
// listener rules, a selected finding, the connection-kind menu, and the Japanese UI. No
// serious or critical violation of WCAG 2 A/AA may be reported.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { CANVAS, start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe over the page; returns the serious and critical violations, readable. */
async function audit(page, screen) {
  // Through the DevTools protocol, so the page's Content-Security-Policy does not apply.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(0, 2).join(' ')}`),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ screen, ...v }));
}

describe('accessibility (axe-core, release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('the main screens have no serious or critical violation', T, async () => {
    const found = [];
    for (const locale of ['en-US', 'ja-JP']) {
      const { context, page, errors } = await openApp(env, { locale });
      try {
        await page.waitForSelector('[data-testid="total-monthly"]', { timeout: STEP_MS });
        found.push(...(await audit(page, `${locale}: editor, findings and cost`)));
        await page.locator('[data-testid="tracer"] summary').click();
        await page.waitForSelector('[data-testid="tracer-result"]', { timeout: STEP_MS });
        found.push(...(await audit(page, `${locale}: request tracer`)));
        await page.locator('[data-testid="tracer"] summary').click();
        // The course-companion sections, each open on its own (open, audit, close).
        const sections = ['sheet', 'ec2-compare', 'autoscale', 'checklist', 'compare'];
        // What shows that a section written by the on-demand module has its answer.
        const answered = { sheet: '[data-testid="sheet-total"]', checklist: '[data-check-id]' };
        for (const id of sections) {
          const panel = `[data-testid="${id}"]`;
          // Every section is on the page: one that went missing is a failure, not a skip.
          assert.equal(await page.locator(panel).count(), 1, `the ${id} section is there`);
          await page.locator(`${panel} > summary`).click();
          if (id === 'compare') {
            await page.selectOption('[data-testid="compare-template"]', 'blank');
            await page.click('[data-testid="compare-template-go"]');
            await page.waitForSelector('[data-testid="compare-summary"]', { timeout: STEP_MS });
          }
          if (answered[id]) await page.waitForSelector(`${panel} ${answered[id]}`, { timeout: STEP_MS });
          await page.waitForFunction((sel) => (document.querySelector(sel)?.textContent || '').length > 300, panel, { timeout: STEP_MS });
          found.push(...(await audit(page, `${locale}: ${id}`)));
          await page.locator(`${panel} > summary`).click();
        }
        await page.locator(`${CANVAS} [data-node-id="alb"]`).click();
        await page.waitForSelector('[data-testid="alb-rules"]', { timeout: STEP_MS });
        found.push(...(await audit(page, `${locale}: inspector of the ALB`)));
        await page.keyboard.press('Escape');
        await page.locator(`${CANVAS} [data-node-id="users"]`).click();
        await page.keyboard.press('c');
        await page.locator(`${CANVAS} [data-node-id="alb"]`).click();
        await page.waitForSelector('[data-testid="kind-menu"]', { timeout: STEP_MS });
        found.push(...(await audit(page, `${locale}: connection-kind menu`)));
        await page.keyboard.press('Escape');
        // A design with findings, one of them selected.
        // The switch may ask before it replaces an edited design: say yes.
        page.once('dialog', (d) => d.accept());
        await page.selectOption('[data-testid="template-switcher"]', 'ec-site');
        // The ALB clicked above may still be selected, narrowing the list to its findings:
        // list them all.
        await page.waitForSelector(`${CANVAS} [data-node-kind="cloudfront"]`, { timeout: STEP_MS });
        const showAll = page.locator('[data-testid="findings"] .findings-filter button');
        if (await showAll.count()) await showAll.click();
        // The EC site passes its own checks; checked as the course's Party Box it has findings.
        await page.locator('[data-testid="follows-course"]').check();
        const finding = page.locator('[data-testid="findings-list"] [data-rule-id] .finding-main').first();
        await finding.waitFor({ timeout: STEP_MS });
        await finding.click();
        // The audit is of a selected finding: make sure one is.
        await page.waitForSelector('[data-testid="findings-list"] .finding.selected .finding-main[aria-pressed="true"]', { timeout: STEP_MS });
        found.push(...(await audit(page, `${locale}: EC site with a finding selected`)));
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
    assert.deepEqual(found, [], JSON.stringify(found, null, 2));
  });
});
