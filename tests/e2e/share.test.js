'use strict';
// End-to-end: share links (the address bar follows the design, links open, broken links are
// refused and the current design stays) and files (save JSON, export Mermaid and CSV, import
// the course's Mermaid flowcharts).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, NODE, start, openApp, waitForSettledHash, nodeIds } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;

async function downloadText(page, testid) {
  await page.click('.export-menu summary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

describe('links and files in the browser (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('the address bar holds the design, and the link opens it elsewhere', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const first = await waitForSettledHash(page);
      // An edit changes the link (debounced), and the new link opens the edited design.
      await page.uncheck('[data-testid="follows-course"]');
      const edited = await waitForSettledHash(page, first);
      assert.notEqual(edited, first);
      // A fresh browser profile (new context: no storage shared) opens the same design.
      const fresh = await env.browser.newContext({ locale: 'en-US' });
      const other = await fresh.newPage();
      await other.goto(`${env.server.url}${edited}`);
      await other.waitForSelector(NODE, { timeout: STEP_MS });
      assert.deepEqual(await nodeIds(other), await nodeIds(page));
      assert.equal(await other.isChecked('[data-testid="follows-course"]'), false);
      await fresh.close();
      // "Copy link" puts the same link in the address bar (clipboard or a prompt to copy by hand).
      await page.click('[data-testid="copy-link"]');
      assert.equal(await page.evaluate(() => location.hash), edited);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a broken link says so and shows the start template', T, async () => {
    const context = await env.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    try {
      for (const [hash, expected] of [
        ['#k1.AAAAAAAA', 'damaged'],
        ['#k9.abc', 'newer'],
        ['#hello', 'not a kumozu link'],
      ]) {
        await page.goto(`${env.server.url}${hash}`);
        await page.waitForSelector(NODE, { timeout: STEP_MS });
        const alert = page.locator('[data-testid="load-error"]');
        await alert.waitFor({ timeout: STEP_MS });
        const text = (await alert.textContent()).toLowerCase();
        assert.ok(text.includes(expected), `${hash}: ${text}`);
        assert.ok((await nodeIds(page)).includes('alb'), `${hash}: Party Box is shown`);
      }
    } finally {
      await context.close();
    }
  });

  test('save JSON, export Mermaid and CSV, import a Mermaid flowchart', T, async () => {
    const { context, page, errors } = await openApp(env, { acceptDownloads: true });
    try {
      const json = await downloadText(page, 'save-json');
      assert.match(json.name, /\.json$/);
      assert.equal(JSON.parse(json.text).format, 'kumozu-design');
      const mmd = await downloadText(page, 'export-mermaid');
      assert.match(mmd.name, /\.mmd$/);
      assert.match(mmd.text, /^flowchart /);
      assert.ok(mmd.text.includes('|/api/*|'), mmd.text);

      // The expected month's cost lines as CSV (written by the on-demand module).
      const csv = await downloadText(page, 'export-csv');
      assert.match(csv.name, /-cost\.csv$/);
      const rows = csv.text.trim().split('\n');
      assert.ok(rows[0].startsWith('node,kind,component,quantity'), rows[0]);
      assert.ok(rows.some((r) => r.includes(',alb,')), csv.text.slice(0, 400));

      // The canvas as SVG (well-formed, self-contained) and PNG.
      const svg = await downloadText(page, 'export-svg');
      assert.match(svg.name, /\.svg$/);
      assert.ok(svg.text.startsWith('<?xml') && svg.text.includes('<style><![CDATA['), svg.text.slice(0, 200));
      assert.ok(svg.text.includes('data-node-kind="alb"'));
      await page.click('.export-menu summary');
      const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-png"]')]);
      const png = fs.readFileSync(await pngDownload.path());
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
      assert.ok(png.length > 10_000, `PNG of ${png.length} bytes`);

      // A hostile label stays text in the SVG.
      const hostile = JSON.parse(fs.readFileSync(path.join(REPO, 'templates', 'blank.json'), 'utf8'));
      hostile.nodes.push({ id: 'evil', kind: 'generic', label: '</text><script>alert(1)</script>]]>"&', x: 900, y: 80 });
      await page.setInputFiles('[data-testid="open-file"]', {
        name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostile), 'utf8'),
      });
      await page.waitForSelector('[data-node-id="evil"]', { timeout: STEP_MS });
      const evil = await downloadText(page, 'export-svg');
      // Parsed by Chromium's XML parser in a blank page: the app's page has a strict
      // Content-Security-Policy, which would (rightly) refuse the file's <style> there.
      const blank = await context.newPage();
      const parsed = await blank.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return {
          error: doc.getElementsByTagName('parsererror').length,
          scripts: doc.getElementsByTagName('script').length,
          label: doc.querySelector('[data-node-id="evil"]')?.textContent || '',
        };
      }, evil.text);
      await blank.close();
      assert.deepEqual({ error: parsed.error, scripts: parsed.scripts }, { error: 0, scripts: 0 }, evil.text.slice(-2000));
      assert.ok(parsed.label.includes('<script>'), parsed.label);

      // The course's own Part 1 diagram opens as a design.
      const seed = fs.readFileSync(path.join(REPO, 'tests', 'fixtures', 'mermaid', 'seed-02.mmd'), 'utf8');
      await page.setInputFiles('[data-testid="open-file"]', {
        name: 'part1.mmd',
        mimeType: 'text/plain',
        buffer: Buffer.from(seed, 'utf8'),
      });
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="canvas"] [data-node-kind="ecs_service"]').length === 2,
        undefined,
        { timeout: STEP_MS },
      );
      const kinds = await page.$$eval(NODE, (els) => els.map((e) => e.dataset.nodeKind));
      for (const k of ['users', 'alb', 'rds_postgres', 'ecr', 'ecs_cluster', 'subnet']) {
        assert.ok(kinds.includes(k), `imported ${k}: ${kinds}`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a design file dropped on the page opens', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const doc = JSON.parse(fs.readFileSync(path.join(REPO, 'templates', 'ec-site.json'), 'utf8'));
      doc.name = 'Dropped shop';
      const dataTransfer = await page.evaluateHandle((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'shop.json', { type: 'application/json' }));
        return dt;
      }, JSON.stringify(doc));
      await page.dispatchEvent('.app', 'drop', { dataTransfer });
      await page.waitForFunction(
        () => document.querySelector('[data-testid="design-name"]')?.textContent === 'Dropped shop',
        undefined,
        { timeout: STEP_MS },
      );
      assert.ok((await page.$$eval(NODE, (els) => els.map((e) => e.dataset.nodeKind))).includes('cloudfront'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
