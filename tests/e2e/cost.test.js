'use strict';
// End-to-end: the cost panel of the release build. The app fetches pricing/<region>.json
// from dist/ (Trunk copies public/pricing there); the test reads the monthly total the way
// a grader would (data-testid="total-monthly": its data-amount a plain number, its text the same
// figure with thousands grouped) and checks that it follows
// the region, the currency, the tax and the usage inputs. No figure is hard-coded.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const TOTAL = '[data-testid="total-monthly"]';

/** The monthly total as a number (throws when `data-amount` is not a plain number, or the
 * figure shown is not that number with its thousands grouped). */
async function total(page) {
  const [amount, shown] = await page.$eval(TOTAL, (el) => [el.getAttribute('data-amount'), el.textContent.trim()]);
  assert.match(amount, /^\d+(\.\d\d)?$/, `total-monthly's data-amount is not a plain number: "${amount}"`);
  const [whole, cents] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (cents === undefined ? '' : `.${cents}`);
  assert.equal(shown, grouped, 'the total is shown with its thousands grouped');
  return Number(amount);
}

/** Waits until the total differs from `before` and returns it. */
async function totalChangedFrom(page, before, what) {
  try {
    await page.waitForFunction(
      ([sel, old]) => {
        const el = document.querySelector(sel);
        return el && el.getAttribute('data-amount') !== old;
      },
      [TOTAL, String(before)],
      { timeout: STEP_MS, polling: 50 },
    );
  } catch {
    throw new Error(`${what}: the total stayed ${before}`);
  }
  return total(page);
}

/** Types into a number field and commits it (Enter), as a user does. */
async function setField(page, testid, value) {
  const input = page.locator(`[data-testid="${testid}"]`);
  await input.fill(value);
  await input.press('Enter');
}

describe('cost panel in the browser (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('the total follows the region, the currency, the tax and the usage', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await page.waitForSelector(TOTAL, { timeout: STEP_MS });
      assert.ok(
        env.server.requests.some((u) => u.endsWith('/pricing/ap-northeast-1.json')),
        `the Tokyo table was never fetched: ${env.server.requests.join(', ')}`,
      );
      assert.equal(await page.inputValue('[data-testid="region-picker"]'), 'ap-northeast-1');
      const tokyo = await total(page);
      assert.ok(tokyo > 0, `Party Box in Tokyo costs something: ${tokyo}`);
      assert.match(await page.textContent('[data-testid="table-version"]'), /^Pricing table \d{4}-\d\d-\d\d\.\d+$/);
      assert.match(await page.textContent('[data-testid="per-day"]'), /^Left running for a day: about \$\d+\.\d\d$/);
      assert.match(await page.textContent('[data-testid="cost-range"]'), /\$[\d,]+\.\d\d 〜 \$[\d,]+\.\d\d/);

      // Region: N. Virginia is cheaper than Tokyo.
      await page.selectOption('[data-testid="region-picker"]', 'us-east-1');
      const virginia = await totalChangedFrom(page, tokyo, 'switching to us-east-1');
      assert.ok(virginia > 0 && virginia < tokyo, `Tokyo ${tokyo} should cost more than N. Virginia ${virginia}`);
      assert.match(await page.textContent('[data-testid="table-version"]'), /^Pricing table /);

      // Currency: yen at 150 per dollar, whole yen.
      await page.click('[data-testid="currency"] button[data-currency="JPY"]');
      const yen = await totalChangedFrom(page, virginia, 'switching to JPY');
      await setField(page, 'jpy-rate', '150');
      assert.ok(Number.isInteger(yen), `yen are whole: ${yen}`);
      assert.ok(Math.abs(yen - virginia * 150) <= 0.5, `${yen} ≈ ${virginia} × 150`);
      assert.equal((await page.textContent('.cost-symbol')).trim(), '¥');

      // A rate that is not a number is refused with the reason; the total stays.
      await setField(page, 'jpy-rate', 'abc');
      await page.waitForSelector('.num-field--rate .field-error', { timeout: STEP_MS });
      assert.match(await page.textContent('.num-field--rate .field-error'), /Enter a number/);
      assert.equal(await total(page), yen);

      // Tax: ×1.1.
      await page.check('[data-testid="include-tax"]');
      const taxed = await totalChangedFrom(page, yen, 'adding the consumption tax');
      assert.ok(Math.abs(taxed - yen * 1.1) <= 1, `${taxed} ≈ ${yen} × 1.1`);
      await page.uncheck('[data-testid="include-tax"]');
      await totalChangedFrom(page, taxed, 'removing the tax');

      // Usage: no hours at all; the lines are still listed, each with its amount.
      await page.click('[data-testid="currency"] button[data-currency="USD"]');
      const usd = await totalChangedFrom(page, yen, 'back to USD');
      assert.equal(usd, virginia);
      await page.click('[data-testid="usage"] > summary');
      await setField(page, 'usage-hours_per_month', '800');
      await page.waitForSelector('.cost-usage .field-error', { timeout: STEP_MS });
      assert.match(await page.textContent('.cost-usage .field-error'), /from 0 to 744/);
      await setField(page, 'usage-hours_per_month', '0');
      const idle = await totalChangedFrom(page, usd, 'setting 0 hours per month');
      assert.ok(idle < usd, `${idle} < ${usd}`);
      const lines = await page.$$eval('.cost-line', (els) => els.length);
      assert.ok(lines >= 10, `the lines are still listed: ${lines}`);
      const amounts = await page.$$eval('.cost-group-head .amount', (els) => els.map((e) => e.textContent.trim()));
      assert.ok(amounts.every((a) => a !== ''), `every group shows an amount: ${amounts}`);

      // A line opens onto its formula and the source of its price.
      const line = page.locator('[data-cost-node="alb"] .cost-line[data-price-key="alb.hour"]');
      await line.locator('summary').click();
      await line.locator('dl').waitFor({ timeout: STEP_MS });
      const details = await line.locator('dl').textContent();
      assert.match(details, /ALB-hour/);
      assert.match(details, /as of \d{4}(-\d\d){0,2} · trust [AB]/);

      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the EC site in Tokyo says which prices are unknown', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await page.waitForSelector(TOTAL, { timeout: STEP_MS });
      await page.selectOption('[data-testid="template-switcher"]', 'ec-site');
      await page.waitForSelector('.cost-line[data-status="unknown"]', { timeout: STEP_MS });
      assert.equal(await page.inputValue('[data-testid="region-picker"]'), 'ap-northeast-1');
      const unknown = await page.$$eval('.cost-line[data-status="unknown"] .amount', (els) =>
        els.map((e) => e.textContent.trim()),
      );
      assert.ok(unknown.length > 0);
      assert.ok(unknown.every((a) => a === 'price unknown'), unknown.join(', '));
      const secrets = await page.$$eval(
        '[data-cost-node] .cost-line[data-status="unknown"]',
        (els) => els.map((e) => e.closest('[data-cost-node]').querySelector('.cost-node-name').textContent),
      );
      assert.ok(secrets.some((n) => /Secrets Manager/.test(n)), `unknown lines belong to ${secrets}`);
      assert.match(await page.textContent('[data-testid="unknown-note"]'), /unknown price/);
      assert.ok((await total(page)) > 0);
      // In Japanese, the same lines say 価格不明.
      await page.click('[data-testid="lang-switch"] button[data-lang="ja"]');
      await page.waitForFunction(
        () => [...document.querySelectorAll('.cost-line[data-status="unknown"] .amount')].every((e) => e.textContent === '価格不明'),
        undefined,
        { timeout: STEP_MS },
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a pricing table that cannot be read is reported and the app keeps working', T, async () => {
    // No service worker: its cache would answer before the broken table below.
    const { context, page, errors } = await openApp(env, { serviceWorkers: 'block' });
    try {
      await page.waitForSelector(TOTAL, { timeout: STEP_MS });
      await context.route('**/pricing/ap-northeast-3.json', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: '{"format": "not-a-table"}' }),
      );
      await page.selectOption('[data-testid="region-picker"]', 'ap-northeast-3');
      const alert = page.locator('[data-testid="cost-error"]');
      await alert.waitFor({ timeout: STEP_MS });
      const message = await alert.textContent();
      assert.match(message, /Could not load the pricing table/);
      assert.match(message, /ap-northeast-3/);
      assert.match(message, /malformed/);
      assert.equal(await page.locator(TOTAL).count(), 0);
      // The canvas and the findings still work, and the other regions still price.
      await page.click('[data-testid="canvas"] [data-node-kind="alb"]');
      await page.waitForSelector('[data-testid="canvas"] .is-highlighted', { state: 'attached', timeout: STEP_MS });
      await page.selectOption('[data-testid="region-picker"]', 'ap-northeast-1');
      await page.waitForSelector(TOTAL, { timeout: STEP_MS });
      assert.ok((await total(page)) > 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
