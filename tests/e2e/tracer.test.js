'use strict';
// The request tracer in the side panel (issue #7, first part): the chapter's requests are
// followed through Party Box — /api/* to NestJS and PostgreSQL, / to Next.js, the Socket.io
// upgrade to NestJS — and a design without a NAT Gateway breaks at the image pull, citing the
// validator's rule; the path lights up on the canvas.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CANVAS, start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const RESULT = '[data-testid="tracer-result"]';

async function traceOf(page, request) {
  await page.locator('[data-testid="tracer-request"]').fill(request);
  await page.locator('[data-testid="tracer-request"]').press('Enter');
  // The answer comes from the on-demand module: wait for the one about this request.
  await page.waitForFunction(
    (r) => document.querySelector('[data-testid="tracer-result"]')?.dataset.request === r,
    request,
    { timeout: STEP_MS },
  );
  return {
    served: await page.getAttribute(RESULT, 'data-served'),
    hops: await page.$$eval('[data-testid="tracer-hops"] li', (els) =>
      els.map((e) => ({ kind: e.dataset.hopKind, node: e.dataset.hopNode, text: e.textContent }))),
    result: await page.textContent(RESULT),
  };
}

describe('request tracer (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('the chapter\'s requests through Party Box, and a break', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await page.locator('[data-testid="tracer"] summary').click();
      await page.click('[data-testid="tracer"] [data-request="GET /api/rooms"]');
      await page.waitForSelector(RESULT, { timeout: STEP_MS });
      let t = await traceOf(page, 'GET /api/rooms');
      assert.equal(t.served, 'true', t.result);
      const rule = t.hops.find((h) => h.kind === 'rule');
      assert.ok(rule && rule.text.includes('/api/*') && rule.node === 'alb', JSON.stringify(t.hops));
      assert.ok(t.hops.some((h) => h.kind === 'service' && h.node === 'nestjs'), JSON.stringify(t.hops));
      assert.ok(t.hops.some((h) => h.kind === 'database' && h.node === 'rds'), JSON.stringify(t.hops));

      t = await traceOf(page, 'GET /');
      assert.ok(t.hops.some((h) => h.kind === 'service' && h.node === 'nextjs'), JSON.stringify(t.hops));
      t = await traceOf(page, 'WS /socket.io/?EIO=4');
      assert.equal(t.served, 'true', t.result);
      assert.ok(t.hops.some((h) => h.kind === 'service' && h.node === 'nestjs'), JSON.stringify(t.hops));

      // The path lights up on the canvas.
      // It walks the hops one after another: first only the first hop is current and lit, the
      // service later; at the end the whole path stays lit and no hop is current.
      await page.click('[data-testid="tracer-show"]');
      // Read in one go, so the walk cannot move on between the two observations.
      const first = await page.waitForFunction(() => {
        const li = document.querySelector('[data-testid="tracer-hops"] li.is-current');
        if (!li || li.getAttribute('aria-current') !== 'step') return null;
        const lit = document.querySelector('[data-testid="canvas"] [data-node-id="nestjs"].is-highlighted');
        return { node: li.dataset.hopNode, serviceLit: Boolean(lit) };
      }, undefined, { timeout: STEP_MS, polling: 'raf' });
      const seen = await first.jsonValue();
      assert.equal(seen.node, t.hops[0].node);
      assert.equal(seen.serviceLit, false, 'the service is lit before the request reaches it');
      await page.waitForSelector(`${CANVAS} [data-node-id="nestjs"].is-highlighted`, { state: 'attached', timeout: STEP_MS });
      await page.waitForFunction(() => !document.querySelector('[data-testid="tracer-hops"] li.is-current'), undefined, { timeout: STEP_MS });
      for (const h of t.hops) {
        assert.equal(await page.locator(`${CANVAS} [data-node-id="${h.node}"].is-highlighted`).count(), 1, h.node);
      }

      // Without the NAT Gateway the private tasks cannot pull their image: the trace stops.
      await page.keyboard.press('Escape');
      await page.locator(`${CANVAS} [data-node-id="nat"]`).click();
      await page.keyboard.press('Delete');
      await page.waitForFunction(() => !document.querySelector('[data-testid="canvas"] [data-node-id="nat"]'), undefined, { timeout: STEP_MS });
      // The same request again: its answer changes with the design.
      await page.waitForSelector(`${RESULT}[data-served="false"]`, { timeout: STEP_MS });
      t = await traceOf(page, 'GET /api/rooms');
      assert.equal(t.served, 'false', t.result);
      assert.match(t.result, /fargate-image-pull/);
      // A request that is not one.
      t = await traceOf(page, 'FETCH rooms');
      assert.equal(t.served, 'false');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
