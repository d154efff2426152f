'use strict';
// Issue 18, a canvas that does not fight the student: adding a node never moves the view,
// clicking a selected node keeps it selected, notices go away (after a few seconds, at the
// next edit, or when the connection they ask for is cancelled), and a card dropped on another
// moves aside.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CANVAS, NODE, start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const NOTICE = '[data-testid="notice"]';

const viewBox = (page) => page.$eval(CANVAS, (s) => s.getAttribute('viewBox').split(/\s+/).map(Number));

describe('a canvas that helps (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('adding a node keeps the view; a selected node stays selected when clicked', T, async () => {
    const { context, page, errors } = await openApp(env, { viewport: { width: 1366, height: 768 } });
    try {
      const before = await viewBox(page);
      const count = await page.locator(NODE).count();
      // Nothing selected: the new node goes on the canvas, the view stays where it was.
      await page.locator('[data-palette-kind="sqs"]').click();
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n + 1, [NODE, count], { timeout: STEP_MS });
      const after = await viewBox(page);
      assert.deepEqual(after.slice(2), before.slice(2), 'the zoom did not change');
      // The view moved only if the new node had to be shown.
      const added = await page.$eval(`${CANVAS} [data-node-kind="sqs"] .card-box`, (r) => {
        const b = r.getBBox();
        return [b.x, b.y, b.width, b.height];
      });
      assert.ok(
        added[0] >= after[0] && added[1] >= after[1] && added[0] + added[2] <= after[0] + after[2] && added[1] + added[3] <= after[1] + after[3],
        `the new node ${added} is in the view ${after}`,
      );

      // Clicking the selected node again keeps it selected.
      const next = page.locator(`${CANVAS} [data-node-id="nextjs"]`);
      await next.click();
      await page.waitForSelector('[data-testid="inspector-label"]', { timeout: STEP_MS });
      assert.equal(await page.locator('[data-testid="inspector-label"]').inputValue(), 'Next.js');
      await next.click();
      await page.waitForTimeout(200);
      assert.equal(await page.locator('[data-testid="inspector-label"]').count(), 1, 'still selected');
      assert.equal(await page.locator('[data-testid="inspector-label"]').inputValue(), 'Next.js');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('notices go: the connect hint on Escape, the restored notice after a few seconds or at an edit', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await page.locator(`${CANVAS} [data-node-id="alb"]`).click();
      await page.locator('[data-testid="connect"]').click();
      await page.waitForSelector(NOTICE, { timeout: STEP_MS });
      // The hint stays while the student picks the end (longer than a notice lasts).
      await page.waitForTimeout(7000);
      assert.equal(await page.locator(NOTICE).count(), 1, 'the hint stays while connecting');
      await page.keyboard.press('Escape');
      await page.waitForSelector(NOTICE, { state: 'detached', timeout: STEP_MS });

      // An edit, then a reload: the design is restored and says so, for a few seconds.
      await page.locator('[data-palette-kind="sqs"]').click();
      await page.waitForSelector(`${CANVAS} [data-node-kind="sqs"]`, { timeout: STEP_MS });
      await page.waitForTimeout(600);
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector(`${CANVAS} [data-node-kind="sqs"]`, { timeout: 20_000 });
      await page.waitForSelector(NOTICE, { timeout: STEP_MS });
      const shown = Date.now();
      await page.waitForSelector(NOTICE, { state: 'detached', timeout: 15_000 });
      assert.ok(Date.now() - shown >= 3000, 'the notice stayed long enough to read');

      // At the next edit a notice goes at once.
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector(NOTICE, { timeout: 20_000 });
      await page.locator('[data-palette-kind="sqs"]').click();
      await page.waitForSelector(NOTICE, { state: 'detached', timeout: 2000 });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a card dropped on another moves to the nearest free place, in one undo step', T, async () => {
    const { context, page, errors } = await openApp(env, { viewport: { width: 1366, height: 768 } });
    try {
      const rect = (id) =>
        page.$eval(`${CANVAS} [data-node-id="${id}"] > .card-box`, (r) => {
          const b = r.getBBox();
          return { x: b.x, y: b.y, w: b.width, h: b.height };
        });
      const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      const before = await rect('nestjs');
      const from = await page.locator(`${CANVAS} [data-node-id="nestjs"] > .card-box`).boundingBox();
      const onto = await page.locator(`${CANVAS} [data-node-id="nextjs"] > .card-box`).boundingBox();
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(onto.x + onto.width / 2 + 6, onto.y + onto.height / 2 + 8, { steps: 10 });
      await page.mouse.up();
      await page.waitForFunction(
        ([sel, y]) => {
          const r = document.querySelector(sel);
          return r && Math.abs(r.getBBox().y - y) > 1;
        },
        [`${CANVAS} [data-node-id="nestjs"] > .card-box`, before.y],
        { timeout: STEP_MS },
      );
      const [moved, other] = [await rect('nestjs'), await rect('nextjs')];
      assert.ok(!overlap(moved, other), `NestJS ${JSON.stringify(moved)} is clear of Next.js ${JSON.stringify(other)}`);
      // It stays in the ECS cluster, close to where it was dropped.
      const cluster = await page.$eval(`${CANVAS} [data-node-id="cluster"] > .container-box`, (r) => {
        const b = r.getBBox();
        return { x: b.x, y: b.y, w: b.width, h: b.height };
      });
      const inside = moved.x >= cluster.x && moved.x + moved.w <= cluster.x + cluster.w && moved.y + moved.h <= cluster.y + cluster.h;
      assert.ok(inside, `inside the cluster: ${JSON.stringify([moved, cluster])}`);
      assert.ok(Math.abs(moved.y - other.y) < 2 * other.h, 'next to where it was dropped');
      // One undo brings it back where it was.
      await page.keyboard.press('Control+z');
      await page.waitForFunction(
        ([sel, y]) => Math.abs(document.querySelector(sel).getBBox().y - y) < 0.5,
        [`${CANVAS} [data-node-id="nestjs"] > .card-box`, before.y],
        { timeout: STEP_MS },
      );
      assert.deepEqual(await rect('nestjs'), before);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a container grows to take a card dropped at its edge', T, async () => {
    const { context, page, errors } = await openApp(env, { viewport: { width: 1366, height: 768 } });
    try {
      const box = (sel) =>
        page.$eval(sel, (r) => {
          const b = r.getBBox();
          return { x: b.x, y: b.y, w: b.width, h: b.height };
        });
      const card = `${CANVAS} [data-node-id="rds"] > .card-box`;
      const subnet = `${CANVAS} [data-node-id="private"] > .container-box`;
      const before = await box(subnet);
      const rds = await box(card);
      // Drag the database down so that its card runs past the subnet's bottom while the pointer
      // (its middle) stays inside the subnet.
      const room = before.y + before.h - (rds.y + rds.h / 2); // canvas units below the middle
      const from = await page.locator(card).boundingBox();
      const scale = from.height / rds.h;
      const down = (room - 8) * scale;
      assert.ok(down > 10, `room to drag (${down} px)`);
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + down, { steps: 10 });
      await page.mouse.up();
      await page.waitForFunction(
        ([sel, h]) => document.querySelector(sel).getBBox().height > h + 1,
        [subnet, before.h],
        { timeout: STEP_MS },
      );
      const [after, moved] = [await box(subnet), await box(card)];
      assert.ok(moved.y + moved.h <= after.y + after.h, `the subnet ${JSON.stringify(after)} holds the card ${JSON.stringify(moved)}`);
      // The card stays where it was dropped (on the 10-unit grid): the subnet moved, not the card.
      assert.ok(Math.abs(moved.y - (rds.y + down / scale)) <= 10, `dropped at ${rds.y + down / scale}, now at ${moved.y}`);
      assert.ok(moved.y + moved.h > before.y + before.h, 'it ran past the subnet as it was');
      assert.equal(await page.$eval(`${CANVAS} [data-node-id="rds"]`, (g) => g.getAttribute('data-node-kind')), 'rds_postgres');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
