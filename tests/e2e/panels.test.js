'use strict';
// End-to-end tests of the palette and the inspector in the release build: adding from the
// palette, renaming a node selected on the canvas, editing the ALB's rules by keyboard.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CANVAS, start, openApp } = require('./harness');

const T = { timeout: 90_000 };
const STEP_MS = 10_000; // how long one UI change may take to show

const node = (id) => `${CANVAS} [data-node-id="${id}"]`;
const RULES = '[data-testid="alb-rules"] [data-rule-edge]';

async function waitFor(page, fn, arg, what) {
  try {
    await page.waitForFunction(fn, arg, { timeout: STEP_MS, polling: 100 });
  } catch {
    throw new Error(`${what} did not happen within ${STEP_MS} ms`);
  }
}

async function ruleOrder(page) {
  return page.$$eval(RULES, (rows) => rows.map((r) => r.getAttribute('data-rule-edge')));
}

/** Selects a node by clicking it on the canvas (the middle of a card). */
async function selectOnCanvas(page, id) {
  await page.locator(node(id)).first().click();
  await page.waitForSelector('[data-testid="inspector-label"]', { timeout: STEP_MS });
}

describe('the palette and the inspector (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('a palette entry adds its kind to the canvas, selected in the inspector', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const albs = await page.locator(`${CANVAS} [data-node-kind="alb"]`).count();
      await page.click('[data-palette-kind="alb"]');
      await waitFor(
        page,
        (n) => document.querySelectorAll('[data-testid="canvas"] [data-node-kind="alb"]').length === n + 1,
        albs,
        'a second ALB on the canvas',
      );
      // The new ALB is selected: the inspector shows its (empty) listener rules.
      await page.waitForSelector('[data-testid="alb-rules"]', { timeout: STEP_MS });
      assert.equal(await page.locator(RULES).count(), 0);
      assert.equal(await page.locator('[data-testid="inspector-label"]').getAttribute('placeholder'), 'ALB');

      // The search narrows the palette; Enter on an entry adds it too.
      await page.fill('[data-testid="palette-search"]', 'queue');
      await waitFor(page, () => document.querySelectorAll('[data-palette-kind]').length === 0, undefined, 'no match for "queue"');
      assert.match(await page.locator('[data-testid="palette"]').innerText(), /No component matches/);
      await page.fill('[data-testid="palette-search"]', 'sqs');
      await waitFor(page, () => document.querySelectorAll('[data-palette-kind]').length === 1, undefined, 'one entry for "sqs"');
      await page.focus('[data-palette-kind="sqs"]');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${CANVAS} [data-node-kind="sqs"]`, { timeout: STEP_MS });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a node selected on the canvas is renamed in the inspector', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await selectOnCanvas(page, 'rds');
      const label = page.locator('[data-testid="inspector-label"]');
      assert.equal(await label.inputValue(), 'PostgreSQL');
      await label.fill('Game DB');
      await label.press('Enter');
      await waitFor(
        page,
        () => (document.querySelector('[data-testid="canvas"] [data-node-id="rds"]')?.textContent || '').includes('Game DB'),
        undefined,
        'the canvas to show the new label',
      );
      // A number out of range is refused next to its field, and the field shows the kept value.
      const storage = page.locator('[data-testid="inspector"] [data-param="storage_gb"]');
      await storage.fill('5');
      await storage.press('Enter');
      await page.waitForSelector('[data-testid="inspector"] .field-error[role="alert"]', { timeout: STEP_MS });
      assert.equal(await storage.inputValue(), '20');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('an edit in the inspector keeps the keyboard where it was going', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await selectOnCanvas(page, 'rds');
      const storage = page.locator('[data-testid="inspector"] [data-param="storage_gb"]');
      await storage.focus();
      // The control after the storage field in Tab order, before anything changes.
      const next = await page.evaluate(() => {
        const all = [...document.querySelectorAll('[data-testid="inspector"] input, [data-testid="inspector"] select, [data-testid="inspector"] button')];
        const i = all.indexOf(document.activeElement);
        return all[i + 1].getAttribute('data-param') || all[i + 1].getAttribute('data-testid');
      });
      await page.keyboard.press('Control+A');
      await page.keyboard.type('100');
      // Tab commits the value (the inspector is written again) and moves on.
      await page.keyboard.press('Tab');
      await waitFor(
        page,
        () => document.querySelector('[data-testid="inspector"] [data-param="storage_gb"]')?.getAttribute('value') === '100',
        undefined,
        'the inspector to show the new storage',
      );
      const focused = await page.evaluate(() => {
        const a = document.activeElement;
        return {
          inside: !!a?.closest('[data-testid="inspector"]'),
          name: a?.getAttribute('data-param') || a?.getAttribute('data-testid'),
        };
      });
      assert.deepEqual(focused, { inside: true, name: next }, 'focus went on to the next control');
      // The same element stays focused while the design changes again (a Tab-away edit
      // elsewhere): type into the label, and the storage field still reads 100.
      await page.locator('[data-testid="inspector-label"]').fill('Game DB');
      await page.locator('[data-testid="inspector-label"]').press('Enter');
      assert.equal(await storage.inputValue(), '100');
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-testid')), 'inspector-label');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the ALB rules are edited by keyboard', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await selectOnCanvas(page, 'alb');
      await page.waitForSelector(RULES, { timeout: STEP_MS });
      assert.deepEqual(await ruleOrder(page), ['rule-api', 'rule-socketio', 'rule-web']);

      // Tab from the first rule's priority to its path, type a new one, Enter commits.
      await page.focus('[data-rule-edge="rule-api"] [data-rule-field="priority"]');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-rule-field')), 'path');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('/v1/*');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`${CANVAS} [data-edge-id="rule-api"]:has-text("/v1/*")`, { timeout: STEP_MS });

      // Move the catch-all rule up twice with the keyboard: focus stays on its Up button.
      await page.focus('[data-rule-edge="rule-web"] [data-action="up"]');
      await page.keyboard.press('Enter');
      await waitFor(
        page,
        () => [...document.querySelectorAll('[data-testid="alb-rules"] [data-rule-edge]')].map((r) => r.getAttribute('data-rule-edge')).join() === 'rule-api,rule-web,rule-socketio',
        undefined,
        'rule-web to move up once',
      );
      await waitFor(
        page,
        () => document.activeElement?.closest('[data-rule-edge]')?.getAttribute('data-rule-edge') === 'rule-web',
        undefined,
        'focus to stay on the moved rule',
      );
      await page.keyboard.press('Space');
      await waitFor(
        page,
        () => [...document.querySelectorAll('[data-testid="alb-rules"] [data-rule-edge]')].map((r) => r.getAttribute('data-rule-edge')).join() === 'rule-web,rule-api,rule-socketio',
        undefined,
        'rule-web to move up again',
      );
      // "/*" first shadows the others: the validator says so inline, on the rules it hides.
      await page.waitForSelector('[data-rule-edge="rule-api"] .rule-findings li', { timeout: STEP_MS });

      // And down again with its Down button.
      await page.focus('[data-rule-edge="rule-web"] [data-action="down"]');
      await page.keyboard.press('Enter');
      await waitFor(
        page,
        () => [...document.querySelectorAll('[data-testid="alb-rules"] [data-rule-edge]')].map((r) => r.getAttribute('data-rule-edge')).join() === 'rule-api,rule-web,rule-socketio',
        undefined,
        'rule-web to move down',
      );

      // Remove a rule from the keyboard: the keyboard goes on to the first rule.
      await page.focus('[data-rule-edge="rule-socketio"] [data-action=remove]');
      await page.keyboard.press('Enter');
      await waitFor(page, () => document.querySelectorAll('[data-testid="alb-rules"] [data-rule-edge]').length === 2, undefined, 'two rules left');
      await waitFor(
        page,
        () => document.activeElement?.getAttribute('data-rule-field') === 'priority',
        undefined,
        'focus on the first rule after removing one',
      );
      assert.equal(await page.locator(`${CANVAS} [data-edge-id="rule-socketio"]`).count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
