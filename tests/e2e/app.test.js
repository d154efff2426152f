'use strict';
// End-to-end tests of the release build (dist/) in headless Chromium.
// Run alone: see README.md in this folder.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, DIST, CANVAS, NODE, EDGE, start, openApp, nodeKinds, fmt } = require('./harness');

const T = { timeout: 90_000 };
const STEP_MS = 10_000; // how long one UI change may take to show

function assertNoErrors(errors, when) {
  assert.equal(errors.length, 0, `${errors.length} error(s) ${when}:\n  ${errors.join('\n  ')}`);
}

async function waitForKinds(page, predicate, what) {
  try {
    await page.waitForFunction(predicate, undefined, { timeout: STEP_MS, polling: 100 });
  } catch {
    throw new Error(`${what} did not happen within ${STEP_MS} ms; nodes now: ${fmt(await nodeKinds(page))}`);
  }
}

async function htmlLang(page) {
  return page.evaluate(() => document.documentElement.lang);
}

async function usersText(page) {
  const users = page.locator(`${CANVAS} [data-node-kind="users"]`).first();
  return (await users.textContent()) || '';
}

describe('kumozu in the browser (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('the page loads with no console error and no page error', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300); // let late effects run
      assertNoErrors(errors, 'while loading the page');
      const served = env.server.requests;
      assert.ok(served.some((u) => u.endsWith('_bg.wasm')), `the wasm was never fetched; requests: ${served.join(', ')}`);
    } finally {
      await context.close();
    }
  });

  test('the Party Box template is on the canvas', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const kinds = await nodeKinds(page);
      const atLeast = {
        alb: 1,
        ecs_service: 2,
        rds_postgres: 1,
        ecr: 1,
        vpc: 1,
        subnet: 2,
        ecs_cluster: 1,
        users: 1,
        cloudwatch: 1,
        nat_gateway: 1,
      };
      const missing = Object.entries(atLeast)
        .filter(([k, n]) => (kinds[k] || 0) < n)
        .map(([k, n]) => `${k}: want >= ${n}, got ${kinds[k] || 0}`);
      assert.deepEqual(missing, [], `Party Box nodes on the canvas: ${fmt(kinds)}`);

      const ids = await page.$$eval(NODE, (els) => els.map((e) => e.getAttribute('data-node-id')));
      assert.equal(new Set(ids).size, ids.length, `node ids are not unique: ${ids.join(', ')}`);

      const edges = await page.$$eval(EDGE, (els) => els.map((e) => e.getAttribute('data-edge-kind')));
      assert.ok(edges.length >= 1, 'no edge ([data-edge-id][data-edge-kind]) on the canvas');

      // The ALB's listener rules, each shown as a label. "/*" must stand on its own,
      // not only as the tail of "/api/*".
      const texts = await page.$$eval(`${CANVAS} *`, (els) =>
        els.filter((e) => e.children.length === 0).map((e) => e.textContent || ''),
      );
      const all = texts.join('\n');
      for (const rule of ['/api/*', '/socket.io/*']) {
        assert.ok(all.includes(rule), `the canvas text has no "${rule}"`);
      }
      assert.match(all, /(^|[\s,(:"'「→])\/\*(?=$|[\s,)"'」→])/m, 'the canvas text has no standalone "/*" rule');
      assertNoErrors(errors, 'on the Party Box canvas');
    } finally {
      await context.close();
    }
  });

  test('the template switcher loads EC site and Blank', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const switcher = 'select[data-testid="template-switcher"]';
      await page.waitForSelector(switcher, { timeout: STEP_MS });
      const values = await page.$$eval(`${switcher} option`, (os) => os.map((o) => o.value));
      for (const v of ['party-box', 'ec-site', 'blank']) {
        assert.ok(values.includes(v), `the template switcher has no option "${v}" (has: ${values.join(', ')})`);
      }

      await page.selectOption(switcher, 'ec-site');
      await waitForKinds(
        page,
        () => !!document.querySelector('[data-testid="canvas"] [data-node-id][data-node-kind="cloudfront"]'),
        'a cloudfront node after choosing ec-site',
      );
      assert.equal(await page.$eval(switcher, (s) => s.value), 'ec-site', 'the switcher should show ec-site');
      const ec = await nodeKinds(page);
      const ecMissing = ['cloudfront', 'route53', 's3', 'sqs', 'lambda', 'elasticache'].filter((k) => !ec[k]);
      assert.deepEqual(ecMissing, [], `EC site nodes: ${fmt(ec)}`);

      await page.selectOption(switcher, 'blank');
      await waitForKinds(
        page,
        () =>
          !document.querySelector(
            '[data-testid="canvas"] [data-node-id][data-node-kind="cloudfront"], [data-testid="canvas"] [data-node-id][data-node-kind="alb"]',
          ),
        'the EC site nodes going away after choosing blank',
      );
      assert.equal(await page.$eval(switcher, (s) => s.value), 'blank', 'the switcher should show blank');
      const blank = await nodeKinds(page);
      assert.equal(blank.vpc || 0, 1, `Blank should have exactly 1 vpc: ${fmt(blank)}`);
      assert.equal(blank.subnet || 0, 2, `Blank should have exactly 2 subnets: ${fmt(blank)}`);
      assert.equal(blank.alb || 0, 0, `Blank should have no alb: ${fmt(blank)}`);

      await page.selectOption(switcher, 'party-box');
      await waitForKinds(
        page,
        () => !!document.querySelector('[data-testid="canvas"] [data-node-id][data-node-kind="alb"]'),
        'the alb coming back after choosing party-box',
      );
      assert.equal(await page.$eval(switcher, (s) => s.value), 'party-box', 'the switcher should show party-box');
      assertNoErrors(errors, 'while switching templates');
    } finally {
      await context.close();
    }
  });

  test('the language follows the browser and the switch', T, async () => {
    const ja = await openApp(env, { locale: 'ja-JP' });
    try {
      const { page } = ja;
      await page
        .waitForFunction(() => document.documentElement.lang === 'ja', undefined, { timeout: STEP_MS })
        .catch(() => {});
      assert.equal(await htmlLang(page), 'ja', 'with the browser locale ja-JP the page should start in Japanese');
      assert.ok((await usersText(page)).includes('ユーザー'), `users node text in Japanese: "${await usersText(page)}"`);

      const sw = '[data-testid="lang-switch"]';
      await page.waitForSelector(`${sw} button[data-lang="ja"]`, { timeout: STEP_MS });
      await page.click(`${sw} button[data-lang="en"]`);
      await page
        .waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: STEP_MS })
        .catch(() => {});
      assert.equal(await htmlLang(page), 'en', 'after clicking English, <html lang> should be "en"');
      assert.ok((await usersText(page)).includes('Users'), `users node text in English: "${await usersText(page)}"`);

      await page.click(`${sw} button[data-lang="ja"]`);
      await page
        .waitForFunction(() => document.documentElement.lang === 'ja', undefined, { timeout: STEP_MS })
        .catch(() => {});
      assert.equal(await htmlLang(page), 'ja', 'after clicking 日本語, <html lang> should be "ja"');
      assert.ok((await usersText(page)).includes('ユーザー'), `users node text back in Japanese: "${await usersText(page)}"`);
      assertNoErrors(ja.errors, 'while switching language');
    } finally {
      await ja.context.close();
    }

    const en = await openApp(env, { locale: 'en-US' });
    try {
      await en.page
        .waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: STEP_MS })
        .catch(() => {});
      assert.equal(await htmlLang(en.page), 'en', 'with the browser locale en-US the page should start in English');
      assert.ok((await usersText(en.page)).includes('Users'), `users node text in English: "${await usersText(en.page)}"`);
      assertNoErrors(en.errors, 'on the English page');
    } finally {
      await en.context.close();
    }
  });

  test('screenshot of Party Box for the README (docs/screenshot.png)', T, async (t) => {
    // SCREENSHOT_OUT writes it elsewhere; a build other than the repository's dist/
    // (KUMOZU_DIST) never writes docs/screenshot.png unless asked with UPDATE_SCREENSHOT=1.
    const out = path.resolve(process.env.SCREENSHOT_OUT || path.join(REPO, 'docs', 'screenshot.png'));
    const update = process.env.UPDATE_SCREENSHOT === '1';
    if (!update && !process.env.SCREENSHOT_OUT && DIST !== path.join(REPO, 'dist')) {
      t.skip(`not the repository's dist/ (${DIST}); set UPDATE_SCREENSHOT=1 or SCREENSHOT_OUT`);
      return;
    }
    if (!update && fs.existsSync(out)) {
      t.skip(`${path.relative(REPO, out)} exists; UPDATE_SCREENSHOT=1 replaces it`);
      return;
    }
    // English: Debian's Chromium here has no CJK fonts, so Japanese would show as boxes.
    const { context, page, errors } = await openApp(env, {
      locale: 'en-US',
      viewport: { width: 1366, height: 768 },
      deviceScaleFactor: 1,
    });
    try {
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(300);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await page.screenshot({ path: out, fullPage: false });
      assert.ok(fs.statSync(out).size > 1000, 'the screenshot is suspiciously small');
      assertNoErrors(errors, 'while taking the screenshot');
    } finally {
      await context.close();
    }
  });
});
