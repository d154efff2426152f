'use strict';
// End-to-end: the autosave (an edit survives a fresh visit; a damaged save is kept aside and
// reported; a share link in the address wins over the save), the outline's keys, and New /
// Reset to template (asking before replacing unsaved work).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CANVAS, NODE, PARTY_BOX_IDS: PARTY_BOX, nodeIds, visit, start, openApp, waitForSettledHash } = require('./harness');

const T = { timeout: 120_000 };
const STEP_MS = 10_000;
const KEY = 'kumozu.autosave.v1';
const DAMAGED = 'kumozu.autosave.damaged';
const BLANK = ['igw', 'private', 'public', 'vpc'];


/** The node ids of the design autosaved in the page's localStorage (null when none). */
async function savedIds(page) {
  return page.evaluate((key) => {
    const text = localStorage.getItem(key);
    try {
      return JSON.parse(text).design.nodes.map((n) => n.id).sort();
    } catch {
      return null;
    }
  }, KEY);
}

/** Waits until the autosave holds a design without node `id`. */
async function waitForSavedWithout(page, id) {
  await page.waitForFunction(
    ([key, id]) => {
      try {
        const saved = JSON.parse(localStorage.getItem(key));
        return !saved.design.nodes.some((n) => n.id === id);
      } catch {
        return false;
      }
    },
    [KEY, id],
    { timeout: STEP_MS },
  );
}

/** Selects node `id` on the canvas (a click, or by keyboard: focus and Enter), then deletes it
 * with the outline's Delete key. */
async function deleteWithOutline(page, id, { click = false } = {}) {
  const onCanvas = `[data-testid="canvas"] [data-node-id="${id}"]`;
  if (click) {
    await page.click(onCanvas);
  } else {
    await page.focus(onCanvas);
    await page.keyboard.press('Enter');
  }
  const item = `[data-testid="outline"] [role="treeitem"][data-outline-id="${id}"]`;
  // The node selected on the canvas is the outline's tab stop.
  await page.waitForSelector(`${item}[tabindex="0"][aria-selected="true"]`, { timeout: STEP_MS });
  await page.focus(item);
  await page.keyboard.press('Delete');
  await page.waitForFunction((id) => !document.querySelector(`[data-node-id="${id}"]`), id, { timeout: STEP_MS });
}

async function waitForHash(page) {
  await page.waitForFunction(() => location.hash.startsWith('#k1.'), undefined, { timeout: STEP_MS });
  return page.evaluate(() => location.hash);
}

describe('autosave, outline and New / Reset (release build)', () => {
  let env;
  before(async () => {
    env = await start();
  });
  after(async () => {
    if (env) await env.stop();
  });

  test('an edit is autosaved and is there again on the next visit', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      // Opening the app writes nothing.
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
      await deleteWithOutline(page, 'nat', { click: true });
      await waitForSavedWithout(page, 'nat');
      await visit(page, env.server.url);
      assert.deepEqual(await nodeIds(page), PARTY_BOX.filter((id) => id !== 'nat'));
      await page.getByText(/Restored your last design \(saved at \d\d:\d\d\)/).waitFor({ timeout: STEP_MS });
      // Still the Party Box template in the switcher, and the work counts as unsaved.
      assert.equal(await page.inputValue('[data-testid="template-switcher"]'), 'party-box');
      assert.equal(await page.isDisabled('[data-testid="reset-design"]'), false);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the last edit is saved when the page is left before the autosave\'s pause', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      // Delete and leave at once: the write waits 300 ms for more changes, but leaving the
      // page (pagehide) writes what is pending.
      await page.locator(`${CANVAS} [data-node-id="ecr"]`).click();
      await page.keyboard.press('Delete');
      // Not written yet (the pause has not passed; opening wrote nothing).
      assert.equal(await savedIds(page), null);
      await visit(page, env.server.url);
      assert.deepEqual(await nodeIds(page), PARTY_BOX.filter((id) => id !== 'ecr'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a damaged save is kept aside, reported, and the next edit saves again', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const garbage = '{"design": not json';
      await page.evaluate(([k, g]) => localStorage.setItem(k, g), [KEY, garbage]);
      await visit(page, env.server.url);
      const alert = page.locator('[data-testid="load-error"]');
      await alert.waitFor({ timeout: STEP_MS });
      assert.match(await alert.textContent(), /could not be restored.*kept aside/);
      // The template is on the canvas, and the damaged text is kept.
      assert.deepEqual(await nodeIds(page), PARTY_BOX);
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), DAMAGED), garbage);
      // A later edit autosaves as usual.
      await deleteWithOutline(page, 'cloudwatch');
      await waitForSavedWithout(page, 'cloudwatch');
      assert.deepEqual(await savedIds(page), PARTY_BOX.filter((id) => id !== 'cloudwatch'));
      assert.equal(await page.evaluate((k) => localStorage.getItem(k), DAMAGED), garbage);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a share link in the address wins over the autosave, which it leaves alone', T, async () => {
    // The link of the untouched Party Box, from another browser profile.
    const other = await openApp(env);
    const link = await waitForHash(other.page);
    await other.context.close();

    const { context, page, errors } = await openApp(env);
    try {
      await deleteWithOutline(page, 'nat');
      await waitForSavedWithout(page, 'nat');
      // The link of the edited design has no template to reset to (in a fresh profile).
      const edited = await waitForSettledHash(page, link);
      const third = await openApp(env);
      await visit(third.page, `${env.server.url}${edited}`);
      assert.deepEqual(await nodeIds(third.page), PARTY_BOX.filter((id) => id !== 'nat'));
      assert.equal(await third.page.isDisabled('[data-testid="reset-design"]'), true);
      await third.context.close();
      await visit(page, `${env.server.url}${link}`);
      assert.deepEqual(await nodeIds(page), PARTY_BOX);
      await page.waitForTimeout(600); // the autosave and the address bar settle
      assert.deepEqual(await savedIds(page), PARTY_BOX.filter((id) => id !== 'nat'));
      // Without the link, the saved work comes back.
      await visit(page, env.server.url);
      assert.deepEqual(await nodeIds(page), PARTY_BOX.filter((id) => id !== 'nat'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('New and Reset ask before replacing unsaved work', T, async () => {
    const { context, page, errors } = await openApp(env);
    const dialogs = [];
    page.on('dialog', (d) => dialogs.push(d.message())); // the harness accepts them
    try {
      assert.ok(await page.getAttribute('[data-testid="new-design"]', 'title'));
      assert.equal(await page.getAttribute('[data-testid="reset-design"]', 'aria-label'), 'Reset to template');
      // Nothing changed: New starts from the blank template without asking.
      await page.click('[data-testid="new-design"]');
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="canvas"] [data-node-id]').length === n, BLANK.length, { timeout: STEP_MS });
      assert.deepEqual(await nodeIds(page), BLANK);
      assert.deepEqual(dialogs, []);
      assert.equal(await page.inputValue('[data-testid="template-switcher"]'), 'blank');
      // After an edit, Reset asks, then brings the template back.
      await deleteWithOutline(page, 'igw');
      await page.click('[data-testid="reset-design"]');
      await page.waitForSelector('[data-testid="canvas"] [data-node-id="igw"]', { timeout: STEP_MS });
      assert.equal(dialogs.length, 1);
      assert.deepEqual(await nodeIds(page), BLANK);
      // The Party Box, an edit, then New: asked again.
      await page.selectOption('[data-testid="template-switcher"]', 'party-box');
      await page.waitForSelector('[data-testid="canvas"] [data-node-id="nat"]', { timeout: STEP_MS });
      await deleteWithOutline(page, 'nat');
      await page.click('[data-testid="new-design"]');
      await page.waitForFunction(() => !document.querySelector('[data-testid="canvas"] [data-node-id="alb"]'), undefined, { timeout: STEP_MS });
      assert.equal(dialogs.length, 2);
      assert.deepEqual(await nodeIds(page), BLANK);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the outline moves a node into another container from the keyboard', T, async () => {
    const { context, page, errors } = await openApp(env);
    try {
      const nat = '[data-testid="outline"] [data-outline-id="nat"]';
      await page.focus(nat);
      await page.keyboard.press('m');
      const options = '[data-testid="outline-move-to"] [role="option"]';
      await page.waitForSelector(options, { timeout: STEP_MS });
      const offered = await page.$$eval(options, (els) => els.map((e) => e.dataset.moveTarget).sort());
      assert.deepEqual(offered, ['', 'private']);
      await page.focus(`${options}[data-move-target="private"]`);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-outline-id="private"] [data-outline-id="nat"]', { timeout: STEP_MS });
      // The focus is back on the moved item.
      await page.waitForFunction(() => document.activeElement && document.activeElement.dataset.outlineId === 'nat', undefined, { timeout: STEP_MS });
      await waitForSavedWithout(page, 'no-such-node');
      const parent = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).design.nodes.find((n) => n.id === 'nat').parent, KEY);
      assert.equal(parent, 'private');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
