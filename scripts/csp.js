'use strict';
// Trunk post-build hook (Trunk.toml [[hooks]]): writes a strict Content-Security-Policy into
// the built index.html as a <meta http-equiv> right after <meta charset>, so dist/ carries it
// to any static host. Scripts: only this origin, the wasm compile ('wasm-unsafe-eval') and the
// inline module script Trunk writes to start the app, allowed by its SHA-256 (the script names
// hashed files, so the hash is computed per build). No inline styles, no inline handlers, no
// plugins, no other origin.
//
//   node scripts/csp.js [path/to/index.html]   (default: $TRUNK_STAGING_DIR/index.html)

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const file = process.argv[2] || path.join(process.env.TRUNK_STAGING_DIR || 'dist', 'index.html');
const html = fs.readFileSync(file, 'utf8');
if (html.includes('http-equiv="Content-Security-Policy"')) {
  process.exit(0); // already there (a hook run twice on one file)
}

const hashes = [];
for (const m of html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
  if (m[1].trim() === '') continue; // an external script has no inline text
  hashes.push(`'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}
if (hashes.length === 0) {
  console.error(`csp.js: no inline script in ${file}: did Trunk change how it starts the app?`);
  process.exit(1);
}

const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const charset = /<meta charset="utf-8"\s*\/?>/i;
if (!charset.test(html)) {
  console.error(`csp.js: no <meta charset="utf-8"> in ${file} to put the policy after`);
  process.exit(1);
}
const out = html.replace(charset, (tag) => `${tag}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
fs.writeFileSync(file, out);
console.log(`csp.js: Content-Security-Policy written into ${file} (${hashes.length} inline script hash)`);
