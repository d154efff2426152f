'use strict';
// End-to-end: a student opens a faulty design and the findings panel names the mistake, in
// both languages, and selecting the finding lights up its nodes on the canvas. The faulty
// designs are the rule fixtures of tests/fixtures/rules/*.trigger-seed-*.json (the course's
// typical mistakes), built here the same way tests/common/mod.rs builds them.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, CANVAS, NODE, start, openApp } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'rules');

/** Applies one fixture edit (see tests/rules.rs) to a design's JSON form. */
function apply(doc, edit) {
  const byId = (list, id) => {
    const item = list.find((x) => x.id === id);
    if (!item) throw new Error(`no item with id ${id}`);
    return item;
  };
  switch (edit.op) {
    case 'set': doc[edit.field] = edit.value; break;
    case 'set_node': byId(doc.nodes, edit.id)[edit.field] = edit.value; break;
    case 'set_param': {
      const n = byId(doc.nodes, edit.id);
      n.params = n.params || {};
      n.params[edit.key] = edit.value;
      break;
    }
    case 'remove_node':
      doc.nodes = doc.nodes.filter((n) => n.id !== edit.id);
      doc.edges = (doc.edges || []).filter((e) => e.from !== edit.id && e.to !== edit.id);
      break;
    case 'add_node': doc.nodes.push(edit.node); break;
    case 'set_edge': byId(doc.edges, edit.id)[edit.field] = edit.value; break;
    case 'remove_edge': doc.edges = doc.edges.filter((e) => e.id !== edit.id); break;
    case 'add_edge': (doc.edges = doc.edges || []).push(edit.edge); break;
    default: throw new Error(`unknown op ${edit.op}`);
  }
}

function fixtureDesign(file) {
  const spec = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
  const doc = JSON.parse(fs.readFileSync(path.join(REPO, 'templates', `${spec.base}.json`), 'utf8'));
  for (const edit of spec.edits || []) apply(doc, edit);
  return doc;
}

async function openDesign(page, name, text) {
  await page.setInputFiles('[data-testid="open-file"]', {
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text, 'utf8'),
  });
}

const seedFixtures = fs
  .readdirSync(FIXTURES)
  .filter((f) => /\.trigger-seed-.*\.json$/.test(f))
  .sort();

describe('findings in the browser (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('the course\'s mistakes are found, explained in both languages, and light up', T, async () => {
    assert.ok(seedFixtures.length >= 8, `expected the seed fixtures, found ${seedFixtures.join(', ')}`);
    const { context, page, errors } = await openApp(env);
    try {
      await page.waitForSelector('[data-testid="all-clear"]', { timeout: STEP_MS });
      for (const file of seedFixtures) {
        const rule = file.split('.')[0];
        await openDesign(page, file, JSON.stringify(fixtureDesign(file)));
        const item = page.locator(`[data-testid="findings-list"] [data-rule-id="${rule}"]`).first();
        await item.waitFor({ timeout: STEP_MS }).catch(() => {
          throw new Error(`${file}: no finding ${rule} shown`);
        });
        assert.equal(await page.locator('[data-testid="all-clear"]').count(), 0, file);

        // The message follows the language switch.
        await page.click('[data-testid="lang-switch"] button[data-lang="en"]');
        const en = await item.locator('.finding-message').textContent();
        await page.click('[data-testid="lang-switch"] button[data-lang="ja"]');
        await page.waitForFunction(
          ([sel, before]) => document.querySelector(sel)?.textContent !== before,
          [`[data-testid="findings-list"] [data-rule-id="${rule}"] .finding-message`, en],
          { timeout: STEP_MS },
        );
        const ja = await item.locator('.finding-message').textContent();
        assert.match(ja, /[\u3040-\u30ff\u4e00-\u9faf]/, `${file}: Japanese message: ${ja}`);
        assert.match(en, /^[\x20-\x7e\u2013\u2014\u2192]+$/, `${file}: English message: ${en}`);

        // Selecting the finding lights up exactly its nodes.
        await item.locator('.finding-main').click();
        await page.waitForSelector(`${CANVAS} .is-highlighted`, { state: 'attached', timeout: STEP_MS });
        const lit = await page.$$eval(`${NODE}.is-highlighted`, (els) => els.map((e) => e.dataset.nodeId));
        assert.ok(lit.length > 0, `${file}: no node lit up`);
        assert.equal(await item.locator('.finding-main').getAttribute('aria-pressed'), 'true');
        await page.click('[data-testid="lang-switch"] button[data-lang="en"]');
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a finding\'s explanation is fetched when first opened, in the current language', T, async () => {
    // The explanations are not in the first load: explain.json is fetched when a student first
    // opens "why and how to fix". A failed fetch says so, and opening again retries.
    const explain = JSON.parse(fs.readFileSync(path.join(REPO, 'public', 'explain.json'), 'utf8'));
    const file = seedFixtures[0];
    const rule = file.split('.')[0];
    assert.ok(explain[rule], `explain.json has ${rule}`);
    const { context, page, errors } = await openApp(env, { serviceWorkers: 'block' });
    try {
      let requests = 0;
      let refuse = true;
      await context.route('**/explain.json', async (route) => {
        requests += 1;
        if (refuse) await route.fulfill({ status: 503, body: 'down' });
        else await route.continue();
      });
      await page.waitForSelector('[data-testid="all-clear"]', { timeout: STEP_MS });
      await openDesign(page, file, JSON.stringify(fixtureDesign(file)));
      const item = page.locator(`[data-testid="findings-list"] [data-rule-id="${rule}"]`).first();
      await item.waitFor({ timeout: STEP_MS });
      assert.equal(requests, 0, 'explain.json was fetched before anything was opened');

      const why = item.locator('.finding-details p').first();
      await item.locator('.finding-details summary').click();
      await page.waitForFunction(
        (sel) => /HTTP 503/.test(document.querySelector(sel)?.textContent || ''),
        `[data-testid="findings-list"] [data-rule-id="${rule}"] .finding-details p`,
        { timeout: STEP_MS },
      );
      assert.match(await why.textContent(), /Could not load the explanation/);
      assert.equal(requests, 1);

      refuse = false;
      await item.locator('.finding-details summary').click(); // close
      await item.locator('.finding-details summary').click(); // open again: retried
      await page.waitForFunction(
        ([sel, text]) => (document.querySelector(sel)?.textContent || '').includes(text),
        [`[data-testid="findings-list"] [data-rule-id="${rule}"] .finding-details p`, explain[rule].en],
        { timeout: STEP_MS },
      );
      assert.equal(requests, 2);

      // The language switch shows the Japanese explanation without fetching again.
      await page.click('[data-testid="lang-switch"] button[data-lang="ja"]');
      await page.waitForFunction(
        ([sel, text]) => (document.querySelector(sel)?.textContent || '').includes(text),
        [`[data-testid="findings-list"] [data-rule-id="${rule}"] .finding-details p`, explain[rule].ja],
        { timeout: STEP_MS },
      );
      assert.equal(requests, 2);
      assert.deepEqual(errors.filter((e) => !/explain\.json|Failed to load resource|503/.test(e)), []);
    } finally {
      await context.close();
    }
  });

  test('a broken file is refused with a clear message and the current design stays', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const before = await page.$$eval(NODE, (els) => els.map((e) => e.dataset.nodeId).sort());
      const cases = [
        ['truncated.json', fs.readFileSync(path.join(REPO, 'templates', 'party-box.json'), 'utf8').slice(0, 400), 'not valid JSON'],
        ['future.json', '{"format":"kumozu-design","version":99,"region":"us-east-1"}', 'version 99'],
        ['cycle.json', JSON.stringify({
          format: 'kumozu-design', version: 1, region: 'us-east-1',
          nodes: [{ id: 'a', kind: 'group', parent: 'b' }, { id: 'b', kind: 'group', parent: 'a' }],
        }), 'containment cycle'],
      ];
      for (const [name, text, expected] of cases) {
        await openDesign(page, name, text);
        const alert = page.locator('[data-testid="load-error"]');
        await alert.waitFor({ timeout: STEP_MS });
        const message = await alert.textContent();
        assert.ok(message.includes(name) && message.includes(expected), `${name}: ${message}`);
        const after = await page.$$eval(NODE, (els) => els.map((e) => e.dataset.nodeId).sort());
        assert.deepEqual(after, before, `${name}: the design on the canvas changed`);
        await alert.locator('button').click();
        await alert.waitFor({ state: 'detached', timeout: STEP_MS });
      }
      // A good file opens, and the switcher says it came from a file.
      const doc = JSON.parse(fs.readFileSync(path.join(REPO, 'templates', 'blank.json'), 'utf8'));
      doc.name = 'My VPC';
      await openDesign(page, 'mine.json', JSON.stringify(doc));
      await page.waitForFunction(
        () => document.querySelector('[data-testid="design-name"]')?.textContent === 'My VPC',
        undefined,
        { timeout: STEP_MS },
      );
      assert.equal(await page.inputValue('[data-testid="template-switcher"]'), '');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
