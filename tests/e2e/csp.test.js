'use strict';
// The release build's Content-Security-Policy (written by scripts/post-build.js): the page carries a
// strict policy, and the app works under it — loading, selecting, editing, connecting (the kind
// menu), exporting SVG and PNG, copying a link — with no violation reported.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { DIST, CANVAS, start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;

describe('Content-Security-Policy (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('index.html carries a strict policy', () => {
    const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
    assert.ok(m, 'no Content-Security-Policy meta in dist/index.html');
    const policy = Object.fromEntries(m[1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(policy['default-src'], ["'self'"]);
    assert.deepEqual(policy['style-src'], ["'self'"], 'no inline styles');
    assert.deepEqual(policy['object-src'], ["'none'"]);
    const scripts = policy['script-src'];
    assert.ok(!scripts.includes("'unsafe-inline'") && !scripts.includes("'unsafe-eval'"), `script-src too loose: ${scripts}`);
    assert.ok(scripts.some((s) => s.startsWith("'sha256-")), 'the start-up script is allowed by its hash');
    // The policy comes before any script, so it covers them all.
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'));
    // No inline event handlers in the page.
    assert.doesNotMatch(html, /\son[a-z]+=/i);
  });

  test('the app works under the policy with no violation', T, async () => {
    const { context, page, errors } = await openApp(env, { acceptDownloads: true });
    try {
      await page.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
      });
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector(`${CANVAS} [data-node-id]`, { timeout: STEP_MS });
      // Select, rename, connect (the kind menu is positioned by style properties).
      await page.locator(`${CANVAS} [data-node-id="users"]`).click();
      await page.keyboard.press('c');
      await page.locator(`${CANVAS} [data-node-id="alb"]`).click();
      await page.waitForSelector('[data-testid="kind-menu"]', { timeout: STEP_MS });
      await page.locator('[data-testid="kind-menu"] [data-edge-kind-choice="websocket"]').click();
      await page.locator(`${CANVAS} [data-node-id="alb"]`).click();
      await page.locator('[data-testid="inspector-label"]').fill('Load balancer');
      await page.locator('[data-testid="inspector-label"]').press('Enter');
      // Exports: SVG and PNG (drawn through an image of a Blob URL).
      for (const id of ['export-svg', 'export-png']) {
        await page.click('.export-menu summary');
        const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${id}"]`)]);
        assert.ok(await download.path());
      }
      await page.waitForTimeout(300);
      const violations = await page.evaluate(() => window.__csp);
      assert.deepEqual(violations, [], 'CSP violations');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
