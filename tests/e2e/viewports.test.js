'use strict';
// Issue 19, small screens and the keyboard: the app at a phone (390 × 844, touch), a laptop
// (1366 × 768) and a desktop (1920 × 1080) size: no sideways overflow, a header of one row,
// no serious axe violation; on the phone the canvas comes first and full width, the other
// parts are tabs of the sheet under it, and a student can read the checks and the cost, tap
// a node, make a small edit, pinch to zoom and connect two nodes by touch. From the
// keyboard, skip links reach the palette, the canvas, the outline and the inspector.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { CANVAS, NODE, EDGE, start } = require('./harness');

const T = { timeout: 180_000 };
const STEP_MS = 10_000;
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const PHONE = { width: 390, height: 844 };
const SIZES = [
  { name: 'phone', viewport: PHONE, touch: true },
  { name: 'laptop', viewport: { width: 1366, height: 768 }, touch: false },
  { name: 'desktop', viewport: { width: 1920, height: 1080 }, touch: false },
];

async function open(env, size, locale = 'en-US') {
  const context = await env.browser.newContext({
    locale,
    viewport: size.viewport,
    hasTouch: size.touch,
    isMobile: size.touch,
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => d.accept());
  await page.goto(env.server.url, { waitUntil: 'load' });
  await page.waitForSelector(NODE, { timeout: 20_000 });
  return { context, page, errors };
}

async function axeSerious(page) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function box(page, selector) {
  return page.locator(selector).first().boundingBox();
}

/** The centre of a node on screen. */
async function centre(page, id) {
  const b = await box(page, `${CANVAS} [data-node-id="${id}"]`);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

describe('three viewports, touch and the keyboard (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  for (const size of SIZES) {
    test(`${size.name}: no sideways overflow, a one-row header, axe clean`, T, async () => {
      for (const locale of ['en-US', 'ja-JP']) {
        const { context, page, errors } = await open(env, size, locale);
        try {
          const m = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            client: document.documentElement.clientWidth,
          }));
          assert.ok(m.scroll <= m.client, `${locale}: page is ${m.scroll} px wide in ${m.client}`);
          // One row: the header is as tall as its tallest control plus padding.
          const header = await box(page, '.app-header');
          assert.ok(header.height <= 60, `${locale}: header ${header.height} px tall`);
          // Every control in the header sits on one line (same vertical centre within 6 px).
          const rows = await page.$$eval('.app-header > *', (els) =>
            els
              .map((e) => e.getBoundingClientRect())
              .filter((r) => r.width > 0 && r.height > 0)
              .map((r) => r.top + r.height / 2),
          );
          assert.ok(Math.max(...rows) - Math.min(...rows) <= 6, `${locale}: header rows ${rows.join(', ')}`);
          if (!size.touch) {
            // The outline is on screen without scrolling past the palette.
            const outline = await box(page, '[data-testid="outline"] .outline-tree');
            assert.ok(outline && outline.y + 40 < size.viewport.height, `${locale}: outline at ${outline && outline.y}`);
            assert.equal(await page.locator('.pane-tabs').isVisible(), false);
          }
          assert.deepEqual(await axeSerious(page), [], `${locale}: axe`);
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      }
    });
  }

  test('phone: the canvas first and full width, the rest as tabs; read, tap, edit', T, async () => {
    const { context, page, errors } = await open(env, SIZES[0]);
    try {
      const canvas = await box(page, CANVAS);
      const tabs = await box(page, '.pane-tabs');
      assert.ok(canvas.width >= PHONE.width - 20, `canvas ${canvas.width} px wide`);
      assert.ok(canvas.y + canvas.height <= tabs.y + 1, 'the canvas is above the tabs');
      assert.ok(canvas.height >= 300, `canvas ${canvas.height} px tall`);

      // The checks are the first tab; the cost is one tap away.
      assert.equal(await page.locator('[data-pane-tab="checks"]').getAttribute('aria-selected'), 'true');
      assert.ok(await page.locator('[data-testid="findings"]').isVisible());
      assert.equal(await page.locator('[data-testid="cost"]').isVisible(), false);
      await page.locator('[data-pane-tab="cost"]').tap();
      await page.locator('[data-testid="total-monthly"]').waitFor({ timeout: STEP_MS });
      assert.match(await page.locator('[data-testid="total-monthly"]').textContent(), /\d/);
      assert.equal(await page.locator('[data-testid="findings"]').isVisible(), false);

      // A tap on a node selects it and shows its settings; renaming it is a small edit.
      const alb = await centre(page, 'alb');
      await page.touchscreen.tap(alb.x, alb.y);
      await page.waitForFunction(
        () => document.querySelector('[data-pane-tab="inspector"]').getAttribute('aria-selected') === 'true',
        null,
        { timeout: STEP_MS },
      );
      const name = page.locator('[data-testid="inspector"] [data-testid="inspector-label"]');
      await name.waitFor({ timeout: STEP_MS });
      await name.fill('Front door');
      await name.press('Enter');
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.textContent.includes('Front door'),
        `${CANVAS} [data-node-id="alb"]`,
        { timeout: STEP_MS },
      );

      // The folded menu holds the document actions.
      assert.equal(await page.locator('[data-testid="copy-link"]').isVisible(), false);
      await page.locator('[data-testid="menu-toggle"]').tap();
      assert.ok(await page.locator('[data-testid="copy-link"]').isVisible());
      assert.equal(await page.locator('[data-testid="menu-toggle"]').getAttribute('aria-expanded'), 'true');
      await page.locator('[data-testid="menu-toggle"]').tap();
      assert.equal(await page.locator('[data-testid="copy-link"]').isVisible(), false);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('phone: pinch zooms, and two taps connect two nodes', T, async () => {
    const { context, page, errors } = await open(env, SIZES[0]);
    try {
      const viewBox = () => page.$eval(CANVAS, (s) => s.getAttribute('viewBox').split(/\s+/).map(Number));
      const before = await viewBox();
      const c = await box(page, CANVAS);
      const cx = c.x + c.width / 2;
      const cy = c.y + c.height / 2;
      const cdp = await context.newCDPSession(page);
      const touch = (type, pts) => cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: pts.map(([x, y], id) => ({ x, y, id, radiusX: 2, radiusY: 2, force: 1 })),
      });
      await touch('touchStart', [[cx - 30, cy], [cx + 30, cy]]);
      for (let i = 1; i <= 6; i++) await touch('touchMove', [[cx - 30 - i * 15, cy], [cx + 30 + i * 15, cy]]);
      await touch('touchEnd', []);
      const after = await viewBox();
      assert.ok(after[2] < before[2] * 0.6, `pinching out zooms in: view ${before[2]} → ${after[2]} wide`);

      // Fit again, then connect the users' node to Next.js by touch.
      await page.locator('[data-testid="zoom-fit"]').tap();
      const edges = await page.locator(EDGE).count();
      const users = await centre(page, 'users');
      await page.touchscreen.tap(users.x, users.y);
      const connect = page.locator('[data-testid="connect"]');
      await page.waitForFunction(() => !document.querySelector('[data-testid="connect"]').disabled, null, { timeout: STEP_MS });
      await connect.tap();
      const next = await centre(page, 'nextjs');
      await page.touchscreen.tap(next.x, next.y);
      await page.waitForFunction(
        ([sel, n]) => document.querySelectorAll(sel).length > n || document.querySelector('[data-testid="kind-menu"]'),
        [EDGE, edges],
        { timeout: STEP_MS },
      );
      // The hint that asked for the end is gone.
      assert.equal(await page.locator('[data-testid="notice"]').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('keyboard: skip links reach the palette, the canvas, the outline and the inspector', T, async () => {
    const { context, page, errors } = await open(env, SIZES[1]);
    try {
      const inside = (sel) => page.evaluate((s) => !!document.activeElement?.closest(s), sel);
      // The first Tab stop is the first skip link, shown while focused.
      await page.keyboard.press('Tab');
      const first = page.locator('.skip-links button').first();
      assert.equal(await first.evaluate((e) => e === document.activeElement), true);
      assert.ok((await first.boundingBox()).y >= 0, 'the focused skip link is on screen');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.closest('#palette'), null, { timeout: STEP_MS });

      // A palette entry goes into the selected container from the keyboard.
      const skip = async (n) => {
        await page.locator('.skip-links button').nth(n).focus();
        await page.keyboard.press('Enter');
      };
      await skip(1);
      await page.waitForFunction(() => document.activeElement?.closest('#canvas [data-node-id]'), null, { timeout: STEP_MS });
      // On the canvas, Tab goes through every node (in reading order) before any connection.
      const nodes = await page.locator(NODE).count();
      const stops = [];
      for (let i = 0; i < nodes + 2; i++) {
        stops.push(await page.evaluate(() => {
          const el = document.activeElement;
          return el?.dataset.nodeId ? `node:${el.dataset.nodeId}` : el?.dataset.edgeId ? `edge:${el.dataset.edgeId}` : 'other';
        }));
        await page.keyboard.press('Tab');
      }
      assert.equal(stops[0], 'node:vpc', stops.join(' '));
      assert.ok(stops.slice(0, nodes).every((s) => s.startsWith('node:')), stops.join(' '));
      assert.ok(stops.slice(nodes).every((s) => s.startsWith('edge:')), stops.join(' '));
      assert.equal(new Set(stops.slice(0, nodes)).size, nodes);
      await skip(2);
      await page.waitForFunction(() => document.activeElement?.closest('#outline'), null, { timeout: STEP_MS });
      assert.ok(await inside('#outline'));
      await skip(3);
      await page.waitForFunction(() => document.activeElement?.closest('#inspector'), null, { timeout: STEP_MS });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
