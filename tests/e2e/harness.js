'use strict';
// Shared set-up for the end-to-end tests: the dist/ folder, the static server,
// Debian's Chromium driven by playwright-core, and helpers that read the canvas.

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { startServer } = require('./server');

const REPO = path.resolve(__dirname, '..', '..');
// KUMOZU_DIST points the tests at another build (default: the repository's dist/).
const DIST = path.resolve(process.env.KUMOZU_DIST || path.join(REPO, 'dist'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
// How long the app may take to show its first nodes (wasm download, compile, mount).
const APP_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 20000);

const CANVAS = '[data-testid="canvas"]';
const NODE = `${CANVAS} [data-node-id][data-node-kind]`;
const EDGE = `${CANVAS} [data-edge-id][data-edge-kind]`;

function checkDist() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(
      `${DIST}/index.html not found: build the release first with ` +
        '`trunk build --release --offline` (or run `bash scripts/test.sh`)',
    );
  }
  if (!fs.readdirSync(DIST).some((f) => f.endsWith('_bg.wasm'))) {
    throw new Error(`${DIST} has no *_bg.wasm: is it a Trunk build?`);
  }
}

/** The static server and Chromium; `serverOptions` go to startServer (e.g. `{ gzip: true }`). */
async function start(serverOptions = {}) {
  checkDist();
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run \`bash scripts/setup.sh --browser\``);
  }
  const server = await startServer(DIST, serverOptions);
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (e) {
    await server.close();
    throw e;
  }
  return {
    server,
    browser,
    async stop() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/**
 * Opens the app in a new context (fresh storage) and records every console error and
 * uncaught page error. Confirm dialogs (e.g. "replace the canvas?") are accepted.
 */
async function openApp(env, contextOptions = {}) {
  const context = await env.browser.newContext({ locale: 'en-US', ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      errors.push(`console.error: ${msg.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack || err.message || err}`));
  page.on('dialog', (d) => d.accept().catch(() => {}));
  await page.goto(env.server.url, { waitUntil: 'load' });
  try {
    await page.waitForSelector(NODE, { timeout: APP_TIMEOUT_MS });
  } catch (e) {
    throw new Error(
      `no node ([data-node-id][data-node-kind]) appeared inside ${CANVAS} within ${APP_TIMEOUT_MS} ms` +
        (errors.length ? `; errors so far:\n  ${errors.join('\n  ')}` : '') +
        `\nbody starts with: ${(await page.evaluate(() => document.body.innerHTML)).slice(0, 500)}`,
    );
  }
  return { context, page, errors };
}

/** Kind → count of the nodes on the canvas. */
async function nodeKinds(page) {
  const kinds = await page.$$eval(NODE, (els) => els.map((e) => e.getAttribute('data-node-kind')));
  const counts = {};
  for (const k of kinds) counts[k] = (counts[k] || 0) + 1;
  return counts;
}

function fmt(counts) {
  return JSON.stringify(counts);
}

/**
 * The page's share link once it has stopped changing and differs from `not`. The address bar
 * follows the design after a pause, and again when the pricing table (whose version the link
 * records) arrives, so the first change seen need not be the last edit.
 */
async function waitForSettledHash(page, not) {
  const deadline = Date.now() + 15000;
  let last = '';
  for (;;) {
    const now = await page.evaluate(() => location.hash);
    if (now === last && now.startsWith('#k1.') && now !== not) return now;
    if (Date.now() > deadline) throw new Error(`the share link did not settle (last: ${now.slice(0, 40)}…)`);
    last = now;
    await page.waitForTimeout(1000); // longer than the address bar's pause (400 ms)
  }
}

/** The node ids of the Party Box template, sorted. */
const PARTY_BOX_IDS = ['acm', 'alb', 'cloudwatch', 'cluster', 'ecr', 'igw', 'nat', 'nestjs', 'nextjs', 'private', 'public', 'rds', 'users', 'vpc'];

/** The ids of the nodes drawn on the canvas, sorted. */
async function nodeIds(page) {
  return page.$$eval(NODE, (els) => els.map((e) => e.dataset.nodeId).sort());
}

/** Loads `url` as a new document (not a same-page jump to another `#…`). */
async function visit(page, url, timeout = 10_000) {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector(NODE, { timeout });
}

module.exports = {
  PARTY_BOX_IDS,
  nodeIds,
  visit,
  waitForSettledHash,
  REPO,
  DIST,
  CANVAS,
  NODE,
  EDGE,
  APP_TIMEOUT_MS,
  start,
  openApp,
  nodeKinds,
  fmt,
};
