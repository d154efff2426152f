'use strict';
// End-to-end: the design saved in the browser is never lost to a share link. A link that
// opens shows its design and offers the saved one back (kept aside meanwhile); a link that
// fails shows the saved design with the link's problem; a damaged or newer-version save is
// kept aside even when a link opens; a reload within the address bar's pause brings back the
// last edit, not the stale link. Each test reads localStorage itself.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { NODE, PARTY_BOX_IDS: PARTY_BOX, nodeIds, visit, start, openApp, waitForSettledHash } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const KEY = 'kumozu.autosave.v1';
const DAMAGED = 'kumozu.autosave.damaged';
const ASIDE = 'kumozu.autosave.before-link';
const without = (...ids) => PARTY_BOX.filter((id) => !ids.includes(id));


async function stored(page, key) {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

/** The node ids of the design in the envelope under `key` (null when none or unreadable). */
async function idsUnder(page, key) {
  const text = await stored(page, key);
  try {
    return JSON.parse(text).design.nodes.map((n) => n.id).sort();
  } catch {
    return null;
  }
}

/** Waits until the autosave holds exactly `ids`. */
async function waitForSaved(page, ids) {
  await page.waitForFunction(
    ([key, want]) => {
      try {
        const got = JSON.parse(localStorage.getItem(key)).design.nodes.map((n) => n.id).sort();
        return JSON.stringify(got) === JSON.stringify(want);
      } catch {
        return false;
      }
    },
    [KEY, ids],
    { timeout: STEP_MS },
  );
}

/** Deletes node `id` (a click on the canvas, then the Delete key). */
async function deleteNode(page, id) {
  await page.locator(`[data-testid="canvas"] [data-node-id="${id}"]`).click();
  await page.keyboard.press('Delete');
  await page.waitForFunction((id) => !document.querySelector(`[data-testid="canvas"] [data-node-id="${id}"]`), id, { timeout: STEP_MS });
}

/** The untouched Party Box's link, from a fresh browser profile. */
async function partyBoxLink(env) {
  const other = await openApp(env);
  try {
    return await waitForSettledHash(other.page, '');
  } finally {
    await other.context.close();
  }
}

describe('the saved design and share links (release build)', () => {
  let env;
  let link;
  before(async () => {
    env = await start();
    link = await partyBoxLink(env);
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('a link that opens shows its design, keeps the saved one aside and offers it back', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await deleteNode(page, 'nat');
      await waitForSaved(page, without('nat'));
      await waitForSettledHash(page, link);
      const saved = await stored(page, KEY);
      // The untouched Party Box's link, opened in this browser.
      await visit(page, `${env.server.url}${link}`);
      assert.deepEqual(await nodeIds(page), PARTY_BOX);
      const offer = page.locator('[data-testid="saved-aside"]');
      await offer.waitFor({ timeout: STEP_MS });
      assert.match(await offer.textContent(), /kept/);
      // Nothing was overwritten by opening; the saved text is also kept aside.
      assert.equal(await stored(page, KEY), saved);
      assert.equal(await stored(page, ASIDE), saved);
      // An edit of the link's design is saved; the saved design stays aside.
      await deleteNode(page, 'ecr');
      await waitForSaved(page, without('ecr'));
      assert.equal(await stored(page, ASIDE), saved);
      // Back to the saved design (the harness accepts the question about the edit).
      await page.click('[data-testid="return-to-saved"]');
      await page.waitForFunction(() => document.querySelector('[data-testid="canvas"] [data-node-id="ecr"]'), undefined, { timeout: STEP_MS });
      assert.deepEqual(await nodeIds(page), without('nat'));
      assert.deepEqual(await idsUnder(page, KEY), without('nat'));
      assert.equal(await stored(page, ASIDE), null);
      assert.equal(await offer.count(), 0);
      // A reload right away (the address bar may still hold the link) keeps it.
      await visit(page, await page.evaluate(() => location.href));
      assert.deepEqual(await nodeIds(page), without('nat'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a link that fails shows the saved design with the link\'s problem', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      await deleteNode(page, 'nat');
      await waitForSaved(page, without('nat'));
      const saved = await stored(page, KEY);
      // A truncated link (its checksum cannot match).
      const broken = link.slice(0, Math.floor(link.length * 0.6));
      await visit(page, `${env.server.url}${broken}`);
      const alert = page.locator('[data-testid="load-error"]');
      await alert.waitFor({ timeout: STEP_MS });
      assert.match(await alert.textContent(), /Share link/);
      assert.match(await alert.textContent(), /saved design is shown instead/);
      // The saved design, not the template, and the save untouched.
      assert.deepEqual(await nodeIds(page), without('nat'));
      assert.equal(await stored(page, KEY), saved);
      // The next edit builds on the saved design.
      await deleteNode(page, 'cloudwatch');
      await waitForSaved(page, without('nat', 'cloudwatch'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a damaged or newer-version save is kept aside with a message when a link opens', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const saves = [
        '{"saved_at": 1, "design": {"format": "kumozu-design", "ver',
        JSON.stringify({ saved_at: 1, template: '', design: { format: 'kumozu-design', version: 99, nodes: [] } }),
      ];
      for (const save of saves) {
        await page.evaluate(([k, s]) => { localStorage.clear(); localStorage.setItem(k, s); }, [KEY, save]);
        await visit(page, `${env.server.url}${link}`);
        const alert = page.locator('[data-testid="load-error"]');
        await alert.waitFor({ timeout: STEP_MS });
        assert.match(await alert.textContent(), /could not be restored.*kept aside/);
        assert.deepEqual(await nodeIds(page), PARTY_BOX);
        assert.equal(await stored(page, DAMAGED), save);
        // Opening wrote nothing over it; an edit saves the link's design.
        assert.equal(await stored(page, KEY), save);
        await deleteNode(page, 'users');
        await waitForSaved(page, without('users'));
        assert.equal(await stored(page, DAMAGED), save);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a reload within the address bar\'s pause brings back the last edit, not the stale link', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const first = await waitForSettledHash(page, '');
      await page.locator('[data-testid="canvas"] [data-node-id="nat"]').click();
      await page.keyboard.press('Delete');
      // At once: the address bar still holds the link from before the edit.
      const now = await page.evaluate(() => location.hash);
      await page.reload({ waitUntil: 'load' });
      assert.equal(now, first, 'the reload came after the address bar had followed');
      await page.waitForSelector(NODE, { timeout: STEP_MS });
      assert.deepEqual(await nodeIds(page), without('nat'));
      // The next edit keeps the first.
      await deleteNode(page, 'ecr');
      await waitForSaved(page, without('nat', 'ecr'));
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector(NODE, { timeout: STEP_MS });
      assert.deepEqual(await nodeIds(page), without('nat', 'ecr'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
