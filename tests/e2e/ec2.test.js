'use strict';
// "Fargate vs EC2" in the side panel (issue #7, item 4): Party Box's ECS tasks packed onto EC2
// instance types beside the Fargate figure. The expected figures are computed here from the
// pricing tables the app fetches (dist/pricing/<region>.json), in exact decimals; none is
// hard-coded. Changing the region changes them; raising a service's desired tasks in the
// inspector changes the instance count.

const fs = require('node:fs');
const path = require('node:path');
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CANVAS, DIST, start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const PANEL = '[data-testid="ec2-compare"]';
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

function prices(region) {
  const table = JSON.parse(fs.readFileSync(path.join(DIST, 'pricing', `${region}.json`), 'utf8'));
  return (key) => {
    const p = table.prices[key];
    assert.ok(p && p.usd, `${region}: no price for ${key}`);
    return p.usd;
  };
}

/** A decimal string as [BigInt units, scale]. */
function dec(s) {
  const [whole, frac = ''] = String(s).split('.');
  return [BigInt(whole + frac), frac.length];
}

/** Sum of products (each a list of factors), rounded to cents, as "12.34". */
function usd(...products) {
  // Bring every product to a common scale, then round once, as the core does.
  const terms = products.map((factors) => {
    let n = 1n;
    let scale = 0;
    for (const f of factors) {
      const [m, s] = dec(f);
      n *= m;
      scale += s;
    }
    return [n, scale];
  });
  const top = Math.max(...terms.map(([, s]) => s), 2);
  let sum = 0n;
  for (const [n, s] of terms) sum += n * 10n ** BigInt(top - s);
  const div = 10n ** BigInt(top - 2);
  const rounded = (sum * 2n + div) / (2n * div); // non-negative: half away from zero
  const whole = rounded / 100n;
  const frac = String(rounded % 100n).padStart(2, '0');
  return `${whole}.${frac}`;
}

/** Rows of the EC2 table: type → { cheapest, instances, usd }. */
async function rows(page) {
  return page.$$eval(`${PANEL} tr[data-type]`, (els) =>
    Object.fromEntries(
      els.map((e) => [
        e.dataset.type,
        { cheapest: e.dataset.cheapest === 'true', instances: e.dataset.instances, usd: e.dataset.usd },
      ]),
    ),
  );
}

async function waitForAttr(page, sel, attr, value, what) {
  try {
    await page.waitForFunction(
      ([s, a, v]) => document.querySelector(s)?.getAttribute(a) === v,
      [sel, attr, value],
      { timeout: STEP_MS, polling: 50 },
    );
  } catch {
    throw new Error(`${what}: ${sel} ${attr} is ${await page.getAttribute(sel, attr)}, expected ${value}`);
  }
}

describe('Fargate vs EC2 (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('Party Box: Fargate beside the cheapest EC2 fit, by region and task count', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await page.locator(`${PANEL} summary`).click();
      const fargateSel = `${PANEL} [data-testid="ec2-fargate"]`;
      const verdictSel = `${PANEL} [data-testid="ec2-verdict"]`;
      await page.waitForSelector(fargateSel, { timeout: STEP_MS });

      // Tokyo (the template's region): 2 services × 2 tasks × 0.5 vCPU / 1 GB, x86.
      for (const region of ['ap-northeast-1', 'us-east-1']) {
        if (region !== 'ap-northeast-1') {
          await page.selectOption('[data-testid="region-picker"]', region);
        }
        const p = prices(region);
        const fargate = usd(
          ['4', '730', '0.5', p('fargate.x86.vcpu_hour')],
          ['4', '730', '1', p('fargate.x86.gb_hour')],
        );
        await waitForAttr(page, fargateSel, 'data-usd', fargate, `${region} Fargate`);
        // t3.small holds one 1 GB task (2 GiB less 256 MiB), so 4 instances; t3.medium
        // holds three, and the tasks are spread 2 + 2 over two AZs, so 2 instances.
        const small = usd(['4', p('ec2.t3.small.hour'), '730']);
        const medium = usd(['2', p('ec2.t3.medium.hour'), '730']);
        const r = await rows(page);
        assert.deepEqual(Object.keys(r), ['t3.micro', 't3.small', 't3.medium'], 'x86 tasks: t3 only');
        assert.equal(r['t3.micro'].instances, undefined, 'a 1 GB task does not fit t3.micro');
        assert.deepEqual([r['t3.small'].instances, r['t3.small'].usd], ['4', small]);
        assert.deepEqual([r['t3.medium'].instances, r['t3.medium'].usd], ['2', medium]);
        const cheapest = Object.entries(r).filter(([, v]) => v.cheapest);
        assert.equal(cheapest.length, 1);
        const best = Math.min(Number(small), Number(medium)).toFixed(2);
        assert.equal(cheapest[0][1].usd, best);
        assert.equal(await page.getAttribute(verdictSel, 'data-usd'), best);
        const verdict = await page.textContent(verdictSel);
        assert.match(verdict, Number(best) < Number(fargate) ? /less than Fargate/ : /more than Fargate|same as Fargate/);
        assert.ok(verdict.includes(`$${fargate}`), verdict);
      }
      // The open panel passes axe (WCAG 2.1 A/AA): no serious or critical violation in it.
      await page.evaluate(AXE);
      const audit = await page.evaluate(async (sel) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document.querySelector(sel), {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return {
          passes: r.passes.length,
          violations: r.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`),
        };
      }, PANEL);
      assert.ok(audit.passes > 0, 'axe checked the panel');
      assert.deepEqual(audit.violations, []);
      // The trade-offs in words, and the chapter's recommendation.
      const words = await page.textContent(PANEL);
      assert.match(words, /No servers to manage/);
      assert.match(words, /capacity provider/);
      assert.match(words, /recommends Fargate for Party Box/);
      assert.match(words, /EBS root volume/);

      // NestJS to 4 desired tasks: 6 tasks, so 6 × t3.small.
      await page.locator(`${CANVAS} [data-node-id="nestjs"]`).click();
      const desired = page.locator('[data-testid="inspector"] [data-param="desired_tasks"]');
      await desired.fill('4');
      await desired.press('Enter');
      await waitForAttr(page, `${PANEL} tr[data-type="t3.small"]`, 'data-instances', '6', 'after 4 NestJS tasks');
      const p = prices('us-east-1');
      assert.equal(
        await page.getAttribute(fargateSel, 'data-usd'),
        usd(['6', '730', '0.5', p('fargate.x86.vcpu_hour')], ['6', '730', '1', p('fargate.x86.gb_hour')]),
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
