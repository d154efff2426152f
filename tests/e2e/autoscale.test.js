'use strict';
// The auto-scaling panel (issue #7, item 6; the chapter's Part 3) on Party Box: the evening
// preset scales the services above their minimum with CloudWatch's 70% in the events; one
// hour's slider raised to the top (by keyboard) adds tasks at that hour; the simulated month
// lies inside the band, and the band's ends are the cost panel's range.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const PANEL = '[data-testid="autoscale"]';

async function tasksByHour(page) {
  return page.$$eval(`${PANEL} [data-testid="autoscale-chart"] rect[data-hour]`, (els) =>
    els.map((e) => Number(e.dataset.tasks)));
}

describe('auto scaling (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('Party Box: evening peak, a raised hour, and the cost band', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await page.locator(`${PANEL} summary`).click();
      await page.waitForSelector(`${PANEL} [data-testid="autoscale-service"]`, { timeout: STEP_MS });
      await page.click(`${PANEL} [data-preset="evening"]`);
      await page.waitForSelector(`${PANEL} [data-testid="autoscale-chart"] rect[data-hour="23"]`, { timeout: STEP_MS });
      assert.equal(await page.getAttribute(`${PANEL} [data-preset="evening"]`, 'aria-pressed'), 'true');

      // The evening preset: above the minimum of 2 at the peak, and CloudWatch's 70% said.
      const evening = await tasksByHour(page);
      assert.equal(evening.length, 24);
      assert.ok(Math.min(...evening) >= 2, JSON.stringify(evening));
      assert.ok(Math.max(...evening) > 2, JSON.stringify(evening));
      const events = await page.textContent(`${PANEL} [data-testid="autoscale-events"]`);
      assert.match(events, /CPU \d+% > 70%/);
      assert.match(events, /Auto Scaling/);
      assert.match(events, /ALB/);

      // Raise 10:00 to the slider's top by keyboard: more tasks at that hour.
      const slider = page.getByRole('slider', { name: '10:00 load' });
      const before10 = evening[10];
      await slider.focus();
      await page.keyboard.press('End');
      await page.waitForFunction(
        (n) => Number(document.querySelector('[data-testid="autoscale-chart"] rect[data-hour="10"]').dataset.tasks) > n,
        before10,
        { timeout: STEP_MS },
      );
      const raised = await tasksByHour(page);
      assert.ok(raised[10] > before10, `${before10} → ${raised[10]}`);
      assert.ok(Math.max(...raised) <= 4, JSON.stringify(raised));
      // The slider kept its focus (the sliders are not rewritten while one moves).
      assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.dataset.hour), '10');

      // The cost: low ≤ simulated ≤ high, and the ends are the cost panel's range.
      const plain = async (id) => Number(await page.getAttribute(`${PANEL} [data-testid="${id}"]`, 'data-plain'));
      const [low, sim, high] = [await plain('autoscale-low'), await plain('autoscale-simulated'), await plain('autoscale-high')];
      assert.ok(low < high, `${low} ${high}`);
      assert.ok(low <= sim && sim <= high, `${low} ≤ ${sim} ≤ ${high}`);
      if (await page.$('[data-testid="cost-range"]')) {
        const range = await page.textContent('[data-testid="cost-range"] strong');
        const lowText = await page.textContent(`${PANEL} [data-testid="autoscale-low"]`);
        const highText = await page.textContent(`${PANEL} [data-testid="autoscale-high"]`);
        assert.equal(range, `${lowText} 〜 ${highText}`);
      }

      // The flat preset stays at the minimum: the simulated month is the low end.
      await page.click(`${PANEL} [data-preset="flat"]`);
      await page.waitForFunction(
        () => [...document.querySelectorAll('[data-testid="autoscale-chart"] rect[data-hour]')].every((r) => r.dataset.tasks === '2'),
        undefined,
        { timeout: STEP_MS },
      );
      assert.equal(await plain('autoscale-simulated'), await plain('autoscale-low'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
