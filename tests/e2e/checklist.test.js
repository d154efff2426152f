'use strict';
// The chapter's checklist (issue #7, item 5): Party Box shows all seven points; a point opens
// to an explanation with the design's own nodes; an edit in the inspector (one NestJS task)
// unticks the ECS point and says what to do; the blank template shows none; Japanese.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CANVAS, start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const PANEL = '[data-testid="checklist"]';
const COUNT = `${PANEL} [data-testid="checklist-count"]`;

async function tickedIs(page, n) {
  await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.dataset.ticked === String(want), [COUNT, n], { timeout: STEP_MS });
}

const item = (id) => `${PANEL} details[data-check-id="${id}"]`;

describe('the chapter\'s checklist (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('ticks itself from the design and explains with its nodes', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await page.locator(`${PANEL} > summary`).click();
      await tickedIs(page, 7);
      assert.equal(await page.locator(`${PANEL} details[data-check-id]`).count(), 7);
      assert.equal(await page.locator(`${PANEL} details[data-ticked="true"]`).count(), 7);

      // Open the subnet point: the design's own tiers, named.
      await page.locator(`${item('subnets')} > summary`).click();
      const subnets = await page.textContent(item('subnets'));
      assert.match(subnets, /Public Subnet holds: ALB, NAT Gateway/);
      assert.match(subnets, /Private Subnet holds: .*NestJS/);

      // One NestJS task (inspector): the ECS point unticks and says what to do; the opened
      // point stays open through the re-render.
      await page.locator(`${CANVAS} [data-node-id="nestjs"]`).click();
      const desired = page.locator('[data-testid="inspector"] [data-param="desired_tasks"]');
      await desired.fill('1');
      await desired.press('Enter');
      await page.waitForSelector(`${item('ecs')}[data-ticked="false"]`, { state: 'attached', timeout: STEP_MS });
      assert.ok(Number(await page.getAttribute(COUNT, 'data-ticked')) < 7);
      assert.equal(await page.getAttribute(item('subnets'), 'data-ticked'), 'true');
      assert.equal(await page.locator(`${item('subnets')}[open]`).count(), 1);
      await page.locator(`${item('ecs')} > summary`).click();
      assert.match(await page.textContent(item('ecs')), /run 2 tasks or more of NestJS/);
      // Screen readers hear the state in words.
      assert.match(await page.textContent(`${item('ecs')} > summary`), /not yet/);

      // The blank template shows none of the points.
      await page.keyboard.press('Escape');
      await page.selectOption('[data-testid="template-switcher"]', 'blank');
      await tickedIs(page, 0);

      // In Japanese.
      await page.click('[data-testid="lang-switch"] [data-lang="ja"]');
      await page.waitForFunction((sel) => /0 \/ 7 達成/.test(document.querySelector(sel)?.textContent || ''), COUNT, { timeout: STEP_MS });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
