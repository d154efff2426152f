'use strict';
// Mobile-profile benchmark (not a test): the page on a phone over a slow network, in headless
// Chromium against the release build, served gzipped (as a compressing host serves it). Run by
// `bash scripts/bench-browser.sh`, or alone: `KUMOZU_DIST=$PWD/dist node scripts/bench-mobile.js [runs]`.
//
// Chromium's DevTools throttling, the figures of Lighthouse's mobile profile: 1.6 Mbps down,
// 750 kbps up, 150 ms round trip (Network.emulateNetworkConditions, on the page and on the
// service worker, whose fetches the page's throttling does not reach), CPU 4× slower
// (Emulation.setCPUThrottlingRate). Prints, as medians of `runs` (default 5) fresh profiles:
//
//   - visible: the first paint with a node of the diagram in the page (the prerendered one in
//     index.html, or the app's): First Contentful Paint, or the first animation frame that
//     finds a node in the page if that comes later (a frame can start before the page's
//     stylesheets have arrived, so the frame alone is not a paint);
//   - editable, first visit: `<html data-app-ready>` (the app has mounted; src/ui/mod.rs);
//   - editable, repeat visit: the same, reloading in the same profile once the service worker
//     (dist/sw.js) has cached the build.
//
// Goals (PRODUCT.md §7): visible ≤ 1.5 s, editable ≤ 3.5 s first visit, ≤ 1 s repeat visit.

const path = require('node:path');
const { start } = require(path.join(__dirname, '..', 'tests', 'e2e', 'harness'));

const RUNS = Number(process.argv[2] || 5);
// The second argument: `unthrottled`, the same figures with neither throttle (for comparison);
// `without-prerender`, the page as it was before the prerendered diagram (index.html without
// it, so the diagram waits for the app; first visit only: the repeat visit's page comes
// through the service worker, which this cannot change).
const MODE = process.argv[3] || 'mobile';
const THROTTLED = MODE !== 'unthrottled';
const NETWORK = {
  offline: false,
  latency: 150, // ms, round trip
  downloadThroughput: (1.6 * 1024 * 1024) / 8, // bytes/s (Lighthouse counts 1.6 × 1024 kbps)
  uploadThroughput: (750 * 1024) / 8,
};
const CPU_SLOWDOWN = 4;

// Runs in the page before its own scripts: records when a node is first in a frame and when
// the app marks itself ready.
const PROBE = () => {
  window.__bench = { visible: null, ready: null };
  const tick = () => {
    if (window.__bench.visible === null && document.querySelector('svg.canvas [data-node-id]')) {
      window.__bench.visible = performance.now();
    }
    if (window.__bench.ready === null && document.documentElement.hasAttribute('data-app-ready')) {
      window.__bench.ready = performance.now();
    }
    if (window.__bench.visible === null || window.__bench.ready === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

/** Throttles the network and CPU of `page`. */
async function throttle(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return cdp;
}

/**
 * Throttles the network of every service worker the browser runs (the page's throttling does
 * not reach the worker's own fetches: the precache, and the page on a repeat visit, which the
 * worker fetches from the network first). Through the browser's target domain, unflattened.
 */
async function throttleWorkers(browserCdp) {
  const { targetInfos } = await browserCdp.send('Target.getTargets');
  let n = 0;
  for (const t of targetInfos.filter((t) => t.type === 'service_worker')) {
    const { sessionId } = await browserCdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
    let id = 1;
    for (const [method, params] of [
      ['Network.enable', {}],
      ['Network.emulateNetworkConditions', NETWORK],
    ]) {
      await browserCdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id: id++, method, params }),
      });
    }
    n++;
  }
  return n;
}

/** Loads the page and waits until it is editable; returns the page's figures (ms). */
async function measure(page) {
  await page.goto('about:blank');
  await page.goto(page.__url, { waitUntil: 'commit' });
  const done = () =>
    window.__bench &&
    window.__bench.ready !== null &&
    window.__bench.visible !== null &&
    performance.getEntriesByName('first-contentful-paint').length > 0;
  await page.waitForFunction(done, undefined, {
    timeout: 120_000,
    polling: 100,
  });
  return page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const paint = fcp ? fcp.startTime : Infinity;
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('_bg.wasm'));
    return {
      ...window.__bench,
      fcp: paint,
      visible: Math.max(paint, window.__bench.visible),
      page: performance.getEntriesByType('navigation')[0].responseEnd,
      wasm: wasm ? wasm.responseEnd : null,
    };
  });
}

function median(xs) {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}

const sec = (v) => `${(v / 1000).toFixed(2)} s`;

(async () => {
  const env = await start({ gzip: true });
  const browserCdp = await env.browser.newBrowserCDPSession();
  const first = [];
  const repeat = [];
  let workers = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await env.browser.newContext({ locale: 'ja-JP', viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true });
      await context.addInitScript(PROBE);
      const page = await context.newPage();
      page.__url = env.server.url;
      if (THROTTLED) await throttle(context, page);
      if (MODE === 'without-prerender') {
        await page.route(env.server.url, async (route) => {
          const response = await route.fetch();
          const body = (await response.text()).replace(/<div class="app" id="prerender">[\s\S]*?<\/main><\/div>/, '');
          await route.fulfill({ response, body });
        });
      }
      first.push(await measure(page));
      // The service worker has registered; wait until it controls the page (it has cached the
      // whole build: its install step precaches every file before it activates).
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => null));
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 120_000 }).catch(async () => {
        await page.reload();
        await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 120_000 });
      });
      if (THROTTLED) workers = Math.max(workers, await throttleWorkers(browserCdp));
      repeat.push(await measure(page));
      await context.close();
    }
  } finally {
    await env.stop();
  }
  const f = {
    visible: median(first.map((r) => r.visible)),
    fcp: median(first.map((r) => r.fcp)),
    ready: median(first.map((r) => r.ready)),
    repeatReady: median(repeat.map((r) => r.ready)),
    repeatVisible: median(repeat.map((r) => r.visible)),
    page: median(first.map((r) => r.page)),
    wasm: median(first.map((r) => r.wasm)),
    repeatPage: median(repeat.map((r) => r.page)),
    repeatWasm: median(repeat.map((r) => r.wasm)),
  };
  const goal = (v, g) => (v <= g ? `goal ≤ ${sec(g)} met` : `goal ≤ ${sec(g)} MISSED`);
  console.log(
    THROTTLED
      ? `mobile profile (1.6 Mbps / 750 kbps / 150 ms RTT, CPU ×${CPU_SLOWDOWN}, gzip; medians of ${RUNS} fresh profiles; ` +
          `service workers throttled: ${workers > 0 ? 'yes' : 'no'}):`
      : `unthrottled (gzip; medians of ${RUNS} fresh profiles):`,
  );
  if (MODE === 'without-prerender') console.log('  (index.html without the prerendered diagram; the repeat visit is not affected by that)');
  console.log(
    `  load average at the end: ${require('node:os').loadavg()[0].toFixed(1)} on ${require('node:os').cpus().length} cores`,
  );
  console.log(`  diagram visible, first visit: ${sec(f.visible)} — ${goal(f.visible, 1500)}`);
  console.log(`  editable (data-app-ready), first visit: ${sec(f.ready)} — ${goal(f.ready, 3500)}`);
  console.log(`  editable, repeat visit (service worker): ${sec(f.repeatReady)} (visible ${sec(f.repeatVisible)}) — ${goal(f.repeatReady, 1000)}`);
  console.log(
    `  where the time goes (medians): first visit, page ${sec(f.page)}, wasm arrived ${sec(f.wasm)}, ` +
      `then ${sec(f.ready - f.wasm)} to compile the rest, start and mount; repeat visit, page ${sec(f.repeatPage)}, ` +
      `wasm ${sec(f.repeatWasm)}, then ${sec(f.repeatReady - f.repeatWasm)}`,
  );
  console.log(`  runs: ${first.map((r, i) => `[${sec(r.visible)} ${sec(r.ready)} | ${sec(repeat[i].ready)}]`).join(' ')}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
