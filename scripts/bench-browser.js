'use strict';
// Browser benchmark (not a test): prints figures measured in headless Chromium against a
// release build. Run with `bash scripts/bench-browser.sh` (builds what is missing first).
//
//   - navigation → interactive canvas (first node on screen), median of 5 fresh loads;
//   - frame time while dragging a node: Party Box, and a 1,000-node design (rAF intervals
//     during a 60-step drag: median, 95th percentile, worst), and the drop itself (mouse up
//     to the next frame, when the design changes once for the whole drag).

const path = require('node:path');
const fs = require('node:fs');
const { start, openApp, NODE } = require(path.join(__dirname, '..', 'tests', 'e2e', 'harness'));

const BIG = process.argv[2];

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

const ms = (v) => `${v.toFixed(1)} ms`;

async function loadTimes(env, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await env.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(env.server.url, { waitUntil: 'commit' });
    await page.waitForSelector(NODE, { timeout: 30_000 });
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return stats(times);
}

/** Drags the card `selector` by (dx, dy) in 60 steps; returns the frame intervals and the drop. */
async function dragFrames(page, selector) {
  const b = await page.locator(selector).first().boundingBox();
  await page.evaluate(() => {
    // Work per pointer move: from the first listener (window, capture) to the last (window,
    // bubble), which runs after the canvas's handler and the reactive updates it queued.
    window.__work = [];
    if (!window.__timing) {
      window.__timing = true;
      let t0 = 0;
      window.addEventListener('pointermove', () => (t0 = performance.now()), true);
      window.addEventListener('pointermove', () => window.__work.push(performance.now() - t0), false);
    }
    window.__frames = [];
    window.__running = true;
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2 + 30, b.y + b.height / 2 + 12, { steps: 60 });
  const during = await page.evaluate(() => window.__frames.slice());
  const work = await page.evaluate(() => window.__work.slice());
  const upAt = await page.evaluate(() => performance.now());
  await page.mouse.up();
  const drop = await page.evaluate(
    (upAt) => new Promise((r) => requestAnimationFrame((t) => r(t - upAt))),
    upAt,
  );
  await page.evaluate(() => (window.__running = false));
  const intervals = during.slice(1).map((t, i) => t - during[i]);
  return { frames: stats(intervals), work: stats(work), drop };
}

(async () => {
  const env = await start();
  try {
    const load = await loadTimes(env);
    console.log(`navigation → interactive canvas: median ${ms(load.median)}, worst ${ms(load.max)} (${load.n} loads)`);

    const { context, page } = await openApp(env);
    const pb = await dragFrames(page, '[data-node-id="alb"] > .card-box');
    console.log(
      `drag, Party Box (${await page.locator(NODE).count()} nodes, live): work per move median ${ms(pb.work.median)}, ` +
        `p95 ${ms(pb.work.p95)}, worst ${ms(pb.work.max)}; frame intervals median ${ms(pb.frames.median)}, ` +
        `p95 ${ms(pb.frames.p95)}, worst ${ms(pb.frames.max)}; drop ${ms(pb.drop)}`,
    );
    if (BIG && fs.existsSync(BIG)) {
      const t0 = Date.now();
      await page.setInputFiles('[data-testid="open-file"]', BIG);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="canvas"] [data-node-id]').length >= 1000, undefined, { timeout: 120_000 });
      const opened = Date.now() - t0;
      const n = await page.locator(NODE).count();
      const card = await page.$$eval('[data-testid="canvas"] .card[data-node-id]', (els) => els[Math.floor(els.length / 2)].getAttribute('data-node-id'));
      const big = await dragFrames(page, `[data-node-id="${card}"] > .card-box`);
      console.log(
        `drag, ${n} nodes (preview): work per move median ${ms(big.work.median)}, p95 ${ms(big.work.p95)}, ` +
          `worst ${ms(big.work.max)}; frame intervals median ${ms(big.frames.median)}, p95 ${ms(big.frames.p95)}, ` +
          `worst ${ms(big.frames.max)}; drop ${ms(big.drop)} (opening the file took ${opened} ms)`,
      );
    }
    await context.close();
  } finally {
    await env.stop();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
