'use strict';
// The editor end to end (release build, headless Chromium): a student draws Party Box from
// the blank template by mouse, and again by keyboard alone, until the checks find no error;
// undo and redo of a move and of a rule edit.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { CANVAS, start, openApp, nodeKinds, fmt } = require('./harness');

const T = { timeout: 240_000 };
const STEP_MS = 10_000;

const node = (id) => `${CANVAS} [data-node-id="${id}"]`;
const ERRORS = '[data-testid="findings-summary"] [data-count]';

async function errorCount(page) {
  return Number(await page.locator(ERRORS).first().getAttribute('data-count'));
}

/** Waits until `fn` (run in the page) is true, or fails with `what` and the canvas state. */
async function waitFor(page, fn, arg, what) {
  try {
    await page.waitForFunction(fn, arg, { timeout: STEP_MS, polling: 50 });
  } catch {
    throw new Error(`${what} did not happen within ${STEP_MS} ms; nodes: ${fmt(await nodeKinds(page))}`);
  }
}

async function box(page, selector) {
  const b = await page.locator(selector).first().boundingBox();
  assert.ok(b, `${selector} is not on screen`);
  return b;
}

async function startBlank(env) {
  const opened = await openApp(env);
  const { page } = opened;
  await page.selectOption('[data-testid="template-switcher"]', 'blank');
  await waitFor(page, () => document.querySelectorAll('[data-testid="canvas"] [data-node-id]').length === 4, undefined, 'the blank template');
  return opened;
}

/** Drags a palette entry to (x, y) on the screen; returns the id of the node it made. */
async function dropKind(page, kind, x, y) {
  const before = await page.$$eval(`${CANVAS} [data-node-id]`, (els) => els.map((e) => e.getAttribute('data-node-id')));
  await page.locator(`[data-palette-kind="${kind}"]`).dragTo(page.locator(CANVAS), {
    targetPosition: await toCanvasOffset(page, x, y),
  });
  await waitFor(
    page,
    (n) => document.querySelectorAll('[data-testid="canvas"] [data-node-id]').length > n,
    before.length,
    `dropping ${kind} onto the canvas`,
  );
  const after = await page.$$eval(`${CANVAS} [data-node-id]`, (els) => els.map((e) => e.getAttribute('data-node-id')));
  const made = after.filter((id) => !before.includes(id));
  assert.equal(made.length, 1, `one node should appear, got ${made}`);
  return made[0];
}

async function toCanvasOffset(page, x, y) {
  const c = await box(page, CANVAS);
  return { x: x - c.x, y: y - c.y };
}

/** A free point inside the container `id`: near its top-left, below its title. */
async function inside(page, id, fx = 0.25, fy = 0.6) {
  const b = await box(page, `${node(id)} > .container-box`);
  return [b.x + b.width * fx, b.y + b.height * fy];
}

/** Draws a connection by dragging from the connect handle of `from` to `to`. */
async function connect(page, from, to, kind) {
  const edgesBefore = await page.locator(`${CANVAS} [data-edge-id]`).count();
  // Select the start (a node just added is selected already; clicking it again would not be).
  if (!(await page.locator(`[data-handle="connect"][data-for="${from}"]`).count())) {
    await page.locator(node(from)).first().click({ position: await titlePoint(page, from) });
  }
  await page.waitForSelector(`[data-handle="connect"][data-for="${from}"]`, { timeout: STEP_MS });
  const h = await box(page, `[data-handle="connect"][data-for="${from}"]`);
  const t = await box(page, `${node(to)} > .card-box, ${node(to)} > .container-box`);
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(t.x + t.width / 2, t.y + 12, { steps: 6 });
  await page.mouse.up();
  const menu = page.locator('[data-testid="kind-menu"]');
  if (await menu.count()) {
    await menu.locator(`[data-edge-kind-choice="${kind}"]`).click();
  }
  await waitFor(
    page,
    (n) => document.querySelectorAll('[data-testid="canvas"] [data-edge-id]').length > n,
    edgesBefore,
    `connecting ${from} → ${to}`,
  );
  const kinds = await page.$$eval(`${CANVAS} [data-edge-id]`, (els) => els.map((e) => e.getAttribute('data-edge-kind')));
  assert.equal(kinds.length, edgesBefore + 1);
}

/** A point on node `id` that selects it (a card's middle, a container's title strip). */
async function titlePoint(page, id) {
  const b = await box(page, node(id));
  const isContainer = await page.locator(`${node(id)} > .container-box`).count();
  return isContainer ? { x: 40, y: 14 } : { x: b.width / 2, y: b.height / 2 };
}

/** Sets the ALB's rules, in evaluation order, to [target id, path, priority]. */
async function setRules(page, alb, rules) {
  await page.keyboard.press('Escape'); // a click on the selected node would unselect it
  await page.locator(node(alb)).first().click();
  const rows = page.locator('[data-testid="alb-rules"] [data-rule-edge]');
  await page.waitForSelector('[data-testid="alb-rules"] [data-rule-edge]', { timeout: STEP_MS });
  assert.equal(await rows.count(), rules.length);
  for (let i = 0; i < rules.length; i++) {
    const [target, path, priority] = rules[i];
    const row = rows.nth(i);
    assert.equal(await row.locator('[data-rule-field="target"]').inputValue(), target, `rule ${i + 1} should go to ${target}`);
    await row.locator('[data-rule-field="priority"]').fill(String(priority));
    await row.locator('[data-rule-field="priority"]').press('Enter');
    await rows.nth(i).locator('[data-rule-field="path"]').fill(path);
    await rows.nth(i).locator('[data-rule-field="path"]').press('Enter');
  }
}

/** Presses Tab until the focused element matches `selector` (the keyboard's way there). */
async function tabTo(page, selector, max = 600) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement && document.activeElement.matches(sel), selector)) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}; focus is on ${await page.evaluate(() => document.activeElement.outerHTML.slice(0, 120))}`);
}

/** Selects node `id` with the keyboard: Tab to it, Enter (unless it is the only one selected). */
async function selectByKey(page, id) {
  await tabTo(page, `${CANVAS} [data-node-id="${id}"]`);
  const selected = await page.evaluate((id) => {
    const lit = [...document.querySelectorAll('[data-testid="canvas"] .node.is-highlighted')].map((e) => e.getAttribute('data-node-id'));
    return lit.length === 1 && lit[0] === id;
  }, id);
  if (!selected) await page.keyboard.press('Enter');
}

/** Adds a kind from the palette with the keyboard (into the selected container). */
async function addByKey(page, kind) {
  const before = await page.locator(`${CANVAS} [data-node-id]`).count();
  await tabTo(page, `[data-palette-kind="${kind}"]`);
  await page.keyboard.press('Enter');
  await waitFor(page, (n) => document.querySelectorAll('[data-testid="canvas"] [data-node-id]').length > n, before, `adding ${kind} by keyboard`);
  return page.evaluate(() => document.querySelector('[data-testid="canvas"] .node.is-highlighted').getAttribute('data-node-id'));
}

/** Connects two nodes with the keyboard: select, C, Tab to the end, Enter, pick the kind. */
async function connectByKey(page, from, to, kind) {
  const before = await page.locator(`${CANVAS} [data-edge-id]`).count();
  await selectByKey(page, from);
  await page.keyboard.press('c');
  await tabTo(page, `${CANVAS} [data-node-id="${to}"]`);
  await page.keyboard.press('Enter');
  if (await page.locator('[data-testid="kind-menu"]').count()) {
    await tabTo(page, `[data-testid="kind-menu"] [data-edge-kind-choice="${kind}"]`, 20);
    await page.keyboard.press('Enter');
  }
  await waitFor(page, (n) => document.querySelectorAll('[data-testid="canvas"] [data-edge-id]').length > n, before, `connecting ${from} → ${to} by keyboard`);
}

/** Types `value` into the field the focus is on, replacing what is there, and commits it. */
async function typeInto(page, value) {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
}

describe('the editor (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('Party Box drawn from blank by mouse reaches zero errors', T, async () => {
    const { context, page, errors } = await startBlank(env);
    try {
      await page.click('[data-testid="zoom-out"]');
      await page.click('[data-testid="zoom-out"]');
      const alb = await dropKind(page, 'alb', ...(await inside(page, 'public', 0.2, 0.6)));
      const nat = await dropKind(page, 'nat_gateway', ...(await inside(page, 'public', 0.7, 0.6)));
      const cluster = await dropKind(page, 'ecs_cluster', ...(await inside(page, 'private', 0.3, 0.6)));
      const web = await dropKind(page, 'ecs_service', ...(await inside(page, cluster, 0.3, 0.35)));
      const api = await dropKind(page, 'ecs_service', ...(await inside(page, cluster, 0.3, 0.8)));
      const rds = await dropKind(page, 'rds_postgres', ...(await inside(page, 'private', 0.85, 0.6)));
      // Regional services go outside the VPC, on the canvas.
      const vpc = await box(page, `${node('vpc')} > .container-box`);
      const users = await dropKind(page, 'users', vpc.x - 80, vpc.y + vpc.height * 0.4);
      const acm = await dropKind(page, 'acm', vpc.x - 80, vpc.y + vpc.height * 0.8);
      const ecr = await dropKind(page, 'ecr', vpc.x + vpc.width + 80, vpc.y + vpc.height * 0.5);
      // Where each node landed.
      const parents = await page.evaluate(() => null);
      void parents;
      const kinds = await nodeKinds(page);
      assert.equal(kinds.ecs_service, 2, fmt(kinds));
      // The services and the database are inside the private tier, the ALB in the public one.
      for (const [child, container] of [[alb, 'public'], [nat, 'public'], [web, cluster], [api, cluster], [rds, 'private']]) {
        const c = await box(page, `${node(container)} > .container-box`);
        const n = await box(page, `${node(child)} > .card-box`);
        assert.ok(n.x >= c.x && n.y >= c.y && n.x + n.width <= c.x + c.width + 1 && n.y + n.height <= c.y + c.height + 1,
          `${child} should sit inside ${container}`);
      }
      // Connections.
      await connect(page, users, alb, 'https');
      await connect(page, acm, alb, 'generic');
      await connect(page, alb, web, 'alb_rule');
      await connect(page, alb, api, 'alb_rule');
      await connect(page, alb, api, 'alb_rule');
      await connect(page, api, rds, 'sql');
      await connect(page, web, ecr, 'image_pull');
      await connect(page, api, ecr, 'image_pull');
      await connect(page, web, nat, 'egress');
      await connect(page, api, nat, 'egress');
      await connect(page, nat, 'igw', 'egress');
      // Names from the chapter, typed in the inspector; NestJS serves Socket.io: sticky sessions.
      for (const [id, name] of [[web, 'Next.js'], [api, 'NestJS'], [rds, 'PostgreSQL']]) {
        await page.keyboard.press('Escape');
        await page.locator(node(id)).first().click();
        await page.locator('[data-testid="inspector-label"]').fill(name);
        await page.locator('[data-testid="inspector-label"]').press('Enter');
        await page.waitForSelector(`${node(id)}:has-text("${name}")`, { timeout: STEP_MS });
      }
      await page.keyboard.press('Escape');
      await page.locator(node(api)).first().click();
      await page.locator('[data-param="sticky_sessions"]').check();
      // The three rules of the chapter.
      await setRules(page, alb, [
        [api, '/api/*', 10],
        [api, '/socket.io/*', 20],
        [web, '/*', 100],
      ]);
      await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-count') === '0', ERRORS,
        'zero errors');
      assert.equal(await errorCount(page), 0);
      if (process.env.UPDATE_SCREENSHOT === '1') {
        // The README's picture of the editor: the drawing, with the ALB's rules in the inspector.
        await page.click('[data-testid="zoom-fit"]');
        if (!(await page.locator('[data-testid="alb-rules"]').count())) {
          await page.locator(node(alb)).first().click();
        }
        await page.waitForSelector('[data-testid="alb-rules"]', { timeout: STEP_MS });
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(__dirname, '..', '..', 'docs', 'editor.png') });
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('Party Box drawn from blank by keyboard alone reaches zero errors', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await tabTo(page, '[data-testid="new-design"]');
      await page.keyboard.press('Enter');
      await waitFor(page, () => document.querySelectorAll('[data-testid="canvas"] [data-node-id]').length === 4, undefined, 'the blank design');
      await selectByKey(page, 'public');
      const alb = await addByKey(page, 'alb');
      await selectByKey(page, 'public');
      const nat = await addByKey(page, 'nat_gateway');
      await selectByKey(page, 'private');
      const cluster = await addByKey(page, 'ecs_cluster');
      const web = await addByKey(page, 'ecs_service');
      const api = await addByKey(page, 'ecs_service');
      await selectByKey(page, 'private');
      const rds = await addByKey(page, 'rds_postgres');
      await page.keyboard.press('Escape');
      const users = await addByKey(page, 'users');
      await page.keyboard.press('Escape');
      const acm = await addByKey(page, 'acm');
      await page.keyboard.press('Escape');
      const ecr = await addByKey(page, 'ecr');
      const parentOf = (id) => page.evaluate((id) => {
        // The outline nests each node under its container.
        const item = document.querySelector(`[data-outline-id="${id}"]`);
        const up = item && item.parentElement && item.parentElement.closest('[data-outline-id]');
        return up ? up.getAttribute('data-outline-id') : null;
      }, id);
      assert.equal(await parentOf(alb), 'public');
      assert.equal(await parentOf(web), cluster);
      assert.equal(await parentOf(rds), 'private');
      await connectByKey(page, users, alb, 'https');
      await connectByKey(page, acm, alb, 'generic');
      // The first rule is the catch-all; later ones go before it.
      await connectByKey(page, alb, web, 'alb_rule');
      await connectByKey(page, alb, api, 'alb_rule');
      await connectByKey(page, alb, api, 'alb_rule');
      await connectByKey(page, api, rds, 'sql');
      await connectByKey(page, web, ecr, 'image_pull');
      await connectByKey(page, api, ecr, 'image_pull');
      await connectByKey(page, web, nat, 'egress');
      await connectByKey(page, api, nat, 'egress');
      await connectByKey(page, nat, 'igw', 'egress');
      // The design started from Blank follows the course, so the checks ask which service is
      // which: naming them Next.js and NestJS says it (issue 17).
      await selectByKey(page, web);
      await tabTo(page, '[data-testid="inspector-label"]');
      await typeInto(page, 'Next.js');
      await selectByKey(page, api);
      await tabTo(page, '[data-testid="inspector-label"]');
      await typeInto(page, 'NestJS');
      // Sticky sessions for the Socket.io service.
      await selectByKey(page, api);
      await tabTo(page, '[data-param="sticky_sessions"]');
      await page.keyboard.press('Space');
      // The rules, in evaluation order, by keyboard.
      await selectByKey(page, alb);
      const want = [[api, '/api/*', 10], [api, '/socket.io/*', 20], [web, '/*', 100]];
      for (let i = 0; i < want.length; i++) {
        const [target, path, priority] = want[i];
        const row = `[data-testid="alb-rules"] li[data-rule-edge]:nth-of-type(${i + 1})`;
        assert.equal(await page.locator(`${row} [data-rule-field="target"]`).inputValue(), target);
        await tabTo(page, `${row} [data-rule-field="priority"]`);
        await typeInto(page, String(priority));
        await tabTo(page, `${row} [data-rule-field="path"]`);
        await typeInto(page, path);
      }
      await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-count') === '0', ERRORS, 'zero errors');
      // Deleting the NAT Gateway breaks the image pulls; undo and redo by keyboard.
      await selectByKey(page, nat);
      await page.keyboard.press('Delete');
      await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-count') !== '0', ERRORS, 'an error once the NAT Gateway is gone');
      await page.keyboard.press('Control+z');
      await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-count') === '0', ERRORS, 'zero errors after undo');
      await page.keyboard.press('Control+y');
      await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-count') !== '0', ERRORS, 'the error again after redo');
      await page.keyboard.press('Control+z');
      await waitFor(page, (sel) => document.querySelector(sel)?.getAttribute('data-count') === '0', ERRORS, 'zero errors after undo');
      // A connection is reached by Tab too: Enter selects it and the inspector shows its kind.
      await page.keyboard.press('Escape');
      await tabTo(page, `${CANVAS} [data-edge-id="${users}-${alb}"]`);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid="inspector-edge-kind"]', { timeout: STEP_MS });
      assert.equal(await page.locator('[data-testid="inspector-edge-kind"]').inputValue(), 'https');
      // Moving by arrow keys, and Delete.
      await selectByKey(page, ecr);
      const x0 = await page.evaluate((id) => document.querySelector(`[data-testid="canvas"] [data-node-id="${id}"] > .card-box`).getAttribute('x'), ecr);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await waitFor(page, ([id, x]) => Number(document.querySelector(`[data-testid="canvas"] [data-node-id="${id}"] > .card-box`).getAttribute('x')) === Number(x) + 60, [ecr, x0], 'arrow moves');
      await page.keyboard.press('Delete');
      await waitFor(page, (id) => !document.querySelector(`[data-testid="canvas"] [data-node-id="${id}"]`), ecr, 'Delete');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('undo and redo a move and a rule edit; a refused drop goes back', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      // Positions as the page reports them (getBoundingClientRect), the same way each time.
      const albY = () => page.evaluate(() => document.querySelector('[data-testid="canvas"] [data-node-id="alb"] > .card-box').getBoundingClientRect().y);
      const albAt = (y) => Math.abs(document.querySelector('[data-testid="canvas"] [data-node-id="alb"] > .card-box').getBoundingClientRect().y - y) < 2;
      const alb = await box(page, `${node('alb')} > .card-box`);
      const startY = await albY();
      // Drag the ALB a little within its subnet.
      await page.mouse.move(alb.x + alb.width / 2, alb.y + alb.height / 2);
      await page.mouse.down();
      await page.mouse.move(alb.x + alb.width / 2 + 15, alb.y + alb.height / 2 + 40, { steps: 8 });
      await page.mouse.up();
      const movedY = await albY();
      assert.ok(Math.abs(movedY - startY) > 10, `the ALB should have moved (${startY} → ${movedY})`);
      await page.click('[data-testid="undo"]');
      await waitFor(page, albAt, startY, 'undo of the move (button)');
      await page.keyboard.press('Control+Shift+Z');
      await waitFor(page, albAt, movedY, 'redo of the move (Ctrl+Shift+Z)');
      await page.keyboard.press('Control+z');
      await waitFor(page, albAt, startY, 'undo of the move (Ctrl+Z)');

      // A rule edit, undone and redone.
      await page.keyboard.press('Escape');
      await page.locator(node('alb')).first().click();
      const row = page.locator('[data-testid="alb-rules"] [data-rule-edge="rule-api"]');
      await row.locator('[data-rule-field="path"]').fill('/v2/*');
      await row.locator('[data-rule-field="path"]').press('Enter');
      await page.waitForSelector(`${CANVAS} [data-edge-id="rule-api"]:has-text("/v2/*")`, { timeout: STEP_MS });
      await page.click('[data-testid="undo"]');
      await page.waitForSelector(`${CANVAS} [data-edge-id="rule-api"]:has-text("/api/*")`, { timeout: STEP_MS });
      await page.click('[data-testid="redo"]');
      await page.waitForSelector(`${CANVAS} [data-edge-id="rule-api"]:has-text("/v2/*")`, { timeout: STEP_MS });

      // Dropping the RDS into the public subnet's... VPC body is refused: it goes back, with a reason.
      const rds = await box(page, `${node('rds')} > .card-box`);
      const igw = await box(page, `${node('igw')} > .card-box`);
      await page.mouse.move(rds.x + rds.width / 2, rds.y + rds.height / 2);
      await page.mouse.down();
      await page.mouse.move(igw.x - 40, igw.y + igw.height / 2, { steps: 10 });
      await page.mouse.up();
      await page.waitForSelector('[data-testid="notice"]', { timeout: STEP_MS });
      const back = await box(page, `${node('rds')} > .card-box`);
      assert.ok(Math.abs(back.x - rds.x) < 1 && Math.abs(back.y - rds.y) < 1, 'a refused drop puts the node back');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
