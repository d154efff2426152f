'use strict';
// The on-demand module (issue #8, first-load size): the first load neither fetches nor starts
// the worker that compares designs and writes the calculator sheet and the checklist; the
// first panel that needs it starts it once, and later panels reuse it. When its wasm cannot
// be had, the panel says so (no endless wait) and opening the panel again retries; while it
// loads, the panel says it is working.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const SHEET = '[data-testid="sheet"]';
const CHECKLIST = '[data-testid="checklist"]';

/** The URLs the page has fetched so far (resource timing). */
async function fetched(page) {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
}

describe('on-demand module (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('not in the first load; started once by the first panel that needs it', T, async () => {
    // No service worker: it precaches the whole build, which would hide what the page fetches.
    const { context, page, errors } = await openApp(env, { serviceWorkers: 'block' });
    try {
      await page.waitForSelector('[data-testid="total-monthly"]', { timeout: STEP_MS });
      const first = await fetched(page);
      assert.ok(first.some((u) => /kumozu-web-[0-9a-f]+_bg\.wasm$/.test(u)), `the app's wasm: ${first.join(' ')}`);
      assert.deepEqual(first.filter((u) => u.includes('kumozu-worker')), [], 'the first load fetched the worker');
      assert.equal(page.workers().length, 0, 'a worker was started before any panel asked');

      await page.locator(`${SHEET} summary`).click();
      await page.waitForSelector(`${SHEET} [data-testid="sheet-total"]`, { timeout: STEP_MS });
      assert.equal(page.workers().length, 1);
      assert.match(page.workers()[0].url(), /kumozu-worker-loader\.js$/);

      await page.locator(`${CHECKLIST} summary`).click();
      await page.waitForSelector(`${CHECKLIST} [data-check-id]`, { timeout: STEP_MS });
      assert.equal(page.workers().length, 1, 'the second panel reuses the worker');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a worker that cannot load is reported, and reopening the panel retries', T, async () => {
    const { context, page, errors } = await openApp(env, { serviceWorkers: 'block' });
    try {
      await page.waitForSelector('[data-testid="total-monthly"]', { timeout: STEP_MS });
      // The module's wasm is held back until the panel has said it is working, then refused.
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await context.route('**/kumozu-worker_bg.wasm', async (route) => {
        await held;
        await route.abort();
      });
      await page.locator(`${SHEET} summary`).click();
      const loading = page.locator(`${SHEET} [data-testid="worker-loading"]`);
      await loading.waitFor({ timeout: STEP_MS });
      assert.match(await loading.textContent(), /Working it out/);
      release();
      const alert = page.locator(`${SHEET} [data-testid="worker-error"]`);
      await alert.waitFor({ timeout: STEP_MS });
      assert.match(await alert.textContent(), /could not be loaded/);

      await context.unroute('**/kumozu-worker_bg.wasm');
      await page.locator(`${SHEET} summary`).click(); // close
      await page.locator(`${SHEET} summary`).click(); // open again
      await page.waitForSelector(`${SHEET} [data-testid="sheet-total"]`, { timeout: STEP_MS });
      assert.equal(await alert.count(), 0);
      assert.deepEqual(errors.filter((e) => !/kumozu-worker_bg\.wasm|Failed to load resource/.test(e)), []);
    } finally {
      await context.close();
    }
  });
  test('a browser that refuses to start the worker gets the message, not an endless wait', T, async () => {
    const context = await env.browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
    try {
      await context.addInitScript(() => {
        window.Worker = function Worker() {
          throw new Error('workers are disabled here');
        };
      });
      const page = await context.newPage();
      await page.goto(env.server.url, { waitUntil: 'load' });
      await page.waitForSelector('[data-testid="total-monthly"]', { timeout: STEP_MS });
      await page.locator(`${SHEET} summary`).click();
      const alert = page.locator(`${SHEET} [data-testid="worker-error"]`);
      await alert.waitFor({ timeout: STEP_MS });
      assert.match(await alert.textContent(), /could not be loaded/);
      assert.equal(await page.locator(`${SHEET} [data-testid="worker-loading"]`).count(), 0);
    } finally {
      await context.close();
    }
  });
});
