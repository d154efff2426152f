'use strict';
// Trunk post-build hook (Trunk.toml [[hooks]]), steps on the built files, in order:
//
// 0. The prerendered first frame (public/prerender.html: the header and the start template's
//    diagram drawn by core::svg, written by tests/prerender.rs) right after <body>, so the
//    diagram is on the first paint, before the wasm has arrived, and with JavaScript off. The
//    app removes it when it mounts (src/ui/mod.rs). It holds no script and no inline style.
// 0b. One stylesheet: Trunk links each file of style/ on its own; they are joined, in their
//    order, into one hashed file (with its own integrity hash), so a phone opens one connection
//    for the styles instead of seven before its first paint, and gzip reads them as one text.
// 1. A strict Content-Security-Policy in index.html, as a <meta http-equiv> right after
//    <meta charset>, so dist/ carries it to any static host. Scripts: only this origin, the
//    wasm compile ('wasm-unsafe-eval') and the inline module script Trunk writes to start the
//    app, allowed by its SHA-256 (the script names hashed files, so the hash is computed per
//    build). No inline styles, no inline handlers, no plugins, no other origin.
// 2. _headers (the format Netlify and Cloudflare Pages read; a template for any other host):
//    the headers a host must send with every response — the same policy as a header plus
//    frame-ancestors 'none' (a <meta> policy cannot forbid framing), HSTS, nosniff, no
//    referrer. docs/deploy.md says how to send them elsewhere.
// 3. sw.js, the service worker that keeps the app working offline: it precaches every file of
//    the build (page, script, wasm, styles, every pricing table) under a cache named after the
//    build, serves them from the cache, and loads the page from the network first when there
//    is one (so a new build is picked up).
//
//   node scripts/post-build.js [dir]   (default: $TRUNK_STAGING_DIR, else dist)

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist';
const file = path.join(dir, 'index.html');
const PRERENDER = path.join(__dirname, '..', 'public', 'prerender.html');
writePrerender();
bundleStyles();
const policy = writePolicy(fs.readFileSync(file, 'utf8'));
writeHeaders(policy);
writeServiceWorker();

function writePolicy(html) {
  const written = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/);
  if (written) {
    return written[1]; // already there (a hook run twice on one folder)
  }
  const hashes = [];
  for (const m of html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
    if (m[1].trim() === '') continue; // an external script has no inline text
    hashes.push(`'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  if (hashes.length === 0) {
    fail(`no inline script in ${file}: did Trunk change how it starts the app?`);
  }
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  // Trunk's release minifier writes the tag as <meta charset=utf-8>.
  const charset = /<meta charset="?utf-8"?\s*\/?>/i;
  if (!charset.test(html)) {
    fail(`no <meta charset="utf-8"> in ${file} to put the policy after`);
  }
  const out = html.replace(charset, (tag) => `${tag}<meta http-equiv="Content-Security-Policy" content="${policy}">`);
  fs.writeFileSync(file, out);
  console.log(`post-build: Content-Security-Policy written into ${file} (${hashes.length} inline script hash)`);
  return policy;
}

function writePrerender() {
  const html = fs.readFileSync(file, 'utf8');
  if (html.includes('id="prerender"') || html.includes('id=prerender')) return; // already there
  const shell = fs.readFileSync(PRERENDER, 'utf8').trim();
  if (/<script|<style|\sstyle=|\son[a-z]+=/i.test(shell)) {
    fail(`${PRERENDER} holds a script or an inline style, which the page's policy refuses`);
  }
  const body = /<body(\s[^>]*)?>/i;
  if (!body.test(html)) fail(`no <body> in ${file} to put the prerendered page in`);
  fs.writeFileSync(file, html.replace(body, (tag) => tag + shell));
  console.log(`post-build: the prerendered first frame (${shell.length} bytes) written into ${file}`);
}

function bundleStyles() {
  const html = fs.readFileSync(file, 'utf8');
  const links = [...html.matchAll(/<link\b[^>]*\brel="?stylesheet"?[^>]*>/gi)];
  if (links.length < 2) return; // already one (a hook run twice on one folder)
  const names = links.map((m) => {
    const href = m[0].match(/\bhref="?\/?([^"\s>]+\.css)"?/i);
    if (!href) fail(`a stylesheet link without a .css href in ${file}: ${m[0]}`);
    return href[1];
  });
  const text = names.map((n) => fs.readFileSync(path.join(dir, n), 'utf8').trim()).join('\n');
  const name = `style-${crypto.createHash('sha256').update(text).digest('hex').slice(0, 16)}.css`;
  fs.writeFileSync(path.join(dir, name), `${text}\n`);
  for (const n of names) fs.unlinkSync(path.join(dir, n));
  const integrity = `sha384-${crypto.createHash('sha384').update(`${text}\n`).digest('base64')}`;
  let first = true;
  const out = html.replace(/<link\b[^>]*\brel="?stylesheet"?[^>]*>/gi, () => {
    if (!first) return '';
    first = false;
    return `<link rel="stylesheet" href="/${name}" integrity="${integrity}">`;
  });
  fs.writeFileSync(file, out);
  console.log(`post-build: ${names.length} stylesheets joined into ${name}`);
}

function writeHeaders(policy) {
  const headers = [
    '/*',
    `  Content-Security-Policy: ${policy}; frame-ancestors 'none'`,
    '  Strict-Transport-Security: max-age=31536000; includeSubDomains',
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, '_headers'), headers);
  console.log(`post-build: the headers a host must send written into ${path.join(dir, '_headers')}`);
}

function fail(message) {
  console.error(`post-build: ${message}`);
  process.exit(1);
}

/** Every file under `root`, as paths relative to it with forward slashes. */
function filesUnder(root, prefix = '') {
  return fs.readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? filesUnder(root, rel) : [rel];
  });
}

function writeServiceWorker() {
  const files = filesUnder(dir)
    .filter((f) => f !== 'sw.js' && f !== '_headers' && !f.startsWith('.'))
    .sort();
  const digest = crypto.createHash('sha256');
  for (const f of files) digest.update(f).update(fs.readFileSync(path.join(dir, f)));
  const version = digest.digest('hex').slice(0, 16);
  const precache = ['./', ...files.map((f) => `./${f}`)];
  const sw = `'use strict';
// Written by scripts/post-build.js for this build: the app offline once it has loaded.
const CACHE = 'kumozu-${version}';
const FILES = ${JSON.stringify(precache, null, 2)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('kumozu-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The page from the network when there is one (a new build), else from the cache.
    event.respondWith(fetch(request).catch(() => caches.match('./', { cacheName: CACHE })));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
});
`;
  fs.writeFileSync(path.join(dir, 'sw.js'), sw);
  console.log(`post-build: sw.js precaches ${precache.length} files (cache kumozu-${version})`);
}
