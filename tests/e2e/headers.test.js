'use strict';
// The headers a static host must send (scripts/post-build.js writes them into dist/_headers,
// docs/deploy.md): the page's own policy as a header plus frame-ancestors 'none', HSTS,
// nosniff and no referrer; and _headers is not precached by the service worker.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
// As in harness.js (not required here: this test needs no browser).
const DIST = path.resolve(process.env.KUMOZU_DIST || path.join(__dirname, '..', '..', 'dist'));

test('dist/_headers sends the page\'s policy with frame-ancestors, HSTS and nosniff', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
  assert.ok(meta, 'no Content-Security-Policy meta in dist/index.html');
  const lines = fs.readFileSync(path.join(DIST, '_headers'), 'utf8').split('\n');
  assert.equal(lines[0], '/*', 'the headers apply to every path');
  const headers = Object.fromEntries(
    lines.slice(1).filter((l) => l.trim()).map((l) => {
      const at = l.indexOf(':');
      return [l.slice(0, at).trim(), l.slice(at + 1).trim()];
    }),
  );
  assert.equal(headers['Content-Security-Policy'], `${meta[1]}; frame-ancestors 'none'`);
  assert.match(headers['Strict-Transport-Security'], /^max-age=\d{7,}/);
  assert.equal(headers['X-Content-Type-Options'], 'nosniff');
  assert.equal(headers['Referrer-Policy'], 'no-referrer');
  const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  assert.ok(!sw.includes('_headers'), 'the service worker does not precache _headers');
});
