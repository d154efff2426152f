'use strict';
// Offline: once the app has loaded, it works with the network cut — the page, the wasm, the
// styles, every region's pricing table and the on-demand module come from the service worker's
// cache (dist/sw.js, written by scripts/post-build.js).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { DIST, CANVAS, start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 15_000;
const TOTAL = '[data-testid="total-monthly"]';

describe('offline (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('the build has a service worker that precaches every pricing table', () => {
    const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
    for (const region of ['ap-northeast-1', 'ap-northeast-3', 'us-east-1']) {
      assert.ok(sw.includes(`./pricing/${region}.json`), `sw.js does not precache ${region}`);
    }
    assert.ok(fs.readdirSync(DIST).filter((f) => f.endsWith('_bg.wasm')).every((f) => sw.includes(`./${f}`)), 'the wasm');
    for (const f of ['kumozu-worker-loader.js', 'kumozu-worker.js', 'kumozu-worker_bg.wasm']) {
      assert.ok(sw.includes(`./${f}`), `sw.js does not precache the on-demand module's ${f}`);
    }
  });

  test('after one visit the app loads, edits and prices with the network cut', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      // The worker takes control of the page once it has cached the build.
      await page.waitForFunction(async () => {
        const reg = await navigator.serviceWorker.ready;
        return Boolean(reg.active) && Boolean(navigator.serviceWorker.controller);
      }, undefined, { timeout: STEP_MS, polling: 200 }).catch(async () => {
        await page.reload({ waitUntil: 'load' });
        await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), undefined, { timeout: STEP_MS });
      });
      const served = env.server.requests.length;
      await context.setOffline(true);
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector(`${CANVAS} [data-node-id="alb"]`, { timeout: STEP_MS });
      await page.waitForSelector(TOTAL, { timeout: STEP_MS });
      const tokyo = Number(await page.locator(TOTAL).getAttribute('data-amount'));
      assert.ok(tokyo > 0, `a total offline: ${tokyo}`);
      // Another region's table, never fetched before, comes from the cache too.
      await page.selectOption('[data-testid="region-picker"]', 'us-east-1');
      await page.waitForFunction(([sel, before]) => {
        const el = document.querySelector(sel);
        return el && Number(el.getAttribute('data-amount')) > 0 && Number(el.getAttribute('data-amount')) !== before;
      }, [TOTAL, tokyo], { timeout: STEP_MS });
      // An edit works offline (and is autosaved).
      await page.locator(`${CANVAS} [data-node-id="nat"]`).click();
      await page.keyboard.press('Delete');
      await page.waitForFunction((sel) => !document.querySelector(sel), `${CANVAS} [data-node-id="nat"]`, { timeout: STEP_MS });
      // The on-demand module, never started before, starts from the cache too.
      await page.locator('[data-testid="sheet"] summary').click();
      await page.waitForSelector('[data-testid="sheet"] [data-testid="sheet-total"]', { timeout: STEP_MS });
      assert.equal(page.workers().length, 1);
      assert.equal(env.server.requests.length, served, 'nothing reached the server while offline');
      assert.deepEqual(errors, []);
    } finally {
      await context.setOffline(false).catch(() => {});
      await context.close();
    }
  });
});
