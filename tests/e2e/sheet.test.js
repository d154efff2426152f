'use strict';
// The AWS Pricing Calculator input sheet in the side panel (issue #7, item 1): on Party Box the
// Fargate fields show the services' task count, vCPU and memory, the RDS field its instance
// class, the sheet's total is the cost panel's; the labels follow the language switch, and an
// edit in the inspector (desired tasks) reaches the sheet.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CANVAS, start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const SHEET = '[data-testid="sheet"]';

/** The values of field `id` in the entries of node `node` (first number of each). */
async function values(page, node, id) {
  return page.$$eval(
    `${SHEET} table[data-node-id="${node}"] tr[data-field="${id}"] .sheet-value`,
    (els) => els.map((e) => e.textContent),
  );
}

async function labelOf(page, node, id) {
  return page.textContent(`${SHEET} table[data-node-id="${node}"] tr[data-field="${id}"] .sheet-label`);
}

describe('Pricing Calculator sheet (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('Party Box: the design\'s values, the cost panel\'s total, both languages, live edits', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await page.waitForSelector('[data-testid="total-monthly"]', { timeout: STEP_MS });
      await page.locator(`${SHEET} summary`).click();
      await page.waitForSelector(`${SHEET} [data-testid="sheet-total"]`, { timeout: STEP_MS });

      // Fargate: Party Box runs 2 tasks of 0.5 vCPU and 1 GB per service (plus 2 at peak).
      for (const svc of ['nestjs', 'nextjs']) {
        const tasks = await values(page, svc, 'tasks');
        assert.ok(tasks.length >= 1, `no task field for ${svc}`);
        assert.match(tasks[0], /^2 per month$/, tasks[0]);
        assert.deepEqual((await values(page, svc, 'vcpu')).slice(0, 1), ['0.5']);
        assert.deepEqual((await values(page, svc, 'memory_gb')).slice(0, 1), ['1 GB']);
      }
      assert.deepEqual(await values(page, 'rds', 'instance_type'), ['db.t4g.micro']);
      assert.equal(await page.textContent(`${SHEET} [data-testid="sheet-region"]`), 'Asia Pacific (Tokyo)');

      // The sheet's total is the cost panel's (both in USD).
      const panel = Number(await page.getAttribute('[data-testid="total-monthly"]', 'data-amount'));
      const sheetTotal = Number((await page.textContent(`${SHEET} [data-testid="sheet-total"]`)).replace(/[$,]/g, ''));
      assert.equal(sheetTotal, panel);

      // The labels follow the language.
      assert.equal((await labelOf(page, 'nestjs', 'tasks')).trim(), 'Number of tasks or pods');
      await page.click('[data-testid="lang-switch"] button[data-lang="ja"]');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="sheet"] tr[data-field="tasks"] .sheet-label')?.textContent.includes('タスクまたはポッドの数'),
        undefined,
        { timeout: STEP_MS },
      );
      assert.match(await page.textContent(`${SHEET} summary`), /料金見積りツール入力シート/);
      assert.equal(await page.textContent(`${SHEET} [data-testid="sheet-region"]`), 'アジアパシフィック (東京)');
      await page.click('[data-testid="lang-switch"] button[data-lang="en"]');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="sheet"] tr[data-field="tasks"] .sheet-label')?.textContent.includes('Number of tasks'),
        undefined,
        { timeout: STEP_MS },
      );

      // An edit in the inspector reaches the sheet.
      await page.locator(`${CANVAS} [data-node-id="nestjs"]`).click();
      const desired = page.locator('[data-testid="inspector"] [data-param="desired_tasks"]');
      await desired.fill('3');
      await desired.press('Enter');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="sheet"] table[data-node-id="nestjs"] tr[data-field="tasks"] .sheet-value')?.textContent === '3 per month',
        undefined,
        { timeout: STEP_MS },
      );
      const after = Number(await page.getAttribute('[data-testid="total-monthly"]', 'data-amount'));
      const afterSheet = Number((await page.textContent(`${SHEET} [data-testid="sheet-total"]`)).replace(/[$,]/g, ''));
      assert.ok(after > panel, `${after} > ${panel}`);
      assert.equal(afterSheet, after);
      // The calculator link and the print button are there.
      assert.equal(await page.getAttribute(`${SHEET} [data-testid="sheet-calculator"]`, 'href'), 'https://calculator.aws/#/addService');
      assert.ok(await page.isVisible(`${SHEET} [data-testid="sheet-print"]`));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
