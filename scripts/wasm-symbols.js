#!/usr/bin/env node
// Reads the function names of a wasm module (its "name" custom section) and reports the
// standard-library code the first load must not carry. Part of scripts/size.sh.
//
//   node scripts/wasm-symbols.js FILE.wasm          # exit 1 when a banned part is present
//
// The module is the one cargo writes before wasm-bindgen and wasm-opt
// (target/wasm32-unknown-unknown/release/kumozu-web.wasm): the release profile strips debug
// information only, so the names are there; wasm-opt drops them from what dist/ serves.
// What clippy.toml's disallowed-methods cannot see is checked here: the float formatter and
// the float parser (reached through `{}` of an f64 or `str::parse::<f64>` anywhere, Leptos
// included), the Unicode case and letter tables, and copies of the standard sort (every element
// type sorted directly, or collected into a BTreeMap/BTreeSet, is one more copy).
'use strict';
const fs = require('fs');

function leb(buf, pos) {
  let result = 0, shift = 0, byte;
  do {
    byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [result, pos];
}

/** Function names from the module's "name" section (subsection 1). */
function functionNames(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  let pos = 8;
  while (pos < buf.length) {
    const id = buf[pos++];
    let size;
    [size, pos] = leb(buf, pos);
    const end = pos + size;
    if (id === 0) {
      let len, p;
      [len, p] = leb(buf, pos);
      const name = buf.toString('utf8', p, p + len);
      p += len;
      if (name === 'name') {
        while (p < end) {
          const sub = buf[p++];
          let subSize;
          [subSize, p] = leb(buf, p);
          if (sub === 1) {
            const names = [];
            let count;
            [count, p] = leb(buf, p);
            for (let i = 0; i < count; i++) {
              let idx, n;
              [idx, p] = leb(buf, p);
              [n, p] = leb(buf, p);
              names.push(buf.toString('utf8', p, p + n));
              p += n;
            }
            return names;
          }
          p += subSize;
        }
      }
    }
    pos = end;
  }
  return null;
}

// name, pattern over the (demangled or mangled) function names, how many are allowed, and why.
const RULES = [
  ['float formatter', /float_to_decimal|float_to_exponential|fmt[.:]*float|flt2dec/, 0,
    'an f64 written with {} or {:.2} (use core::support::numtext), or clamp/expect on floats'],
  ['float parser', /dec2flt/, 0, 'str::parse::<f64> (read numbers with the browser: value_as_number)'],
  ['Unicode case tables', /unicode[.:_]*conversions|to_lower|to_upper/, 0,
    'to_lowercase/to_uppercase (use the ASCII forms)'],
  ['Unicode letter tables', /unicode_data[.:_]*(alphabetic|n[.:_]|numeric)/, 0,
    'is_alphanumeric/is_alphabetic/is_numeric (use the ASCII forms)'],
  ['copies of the stable sort', /driftsort_main/, 2,
    'a direct sort or a collect into BTreeMap/BTreeSet (use core::support::sort)'],
];

const file = process.argv[2];
if (!file) { console.error('usage: wasm-symbols.js FILE.wasm'); process.exit(2); }
const names = functionNames(fs.readFileSync(file));
if (!names || names.length === 0) {
  console.error(`wasm-symbols: ${file} has no function names (is the release profile stripping symbols?)`);
  process.exit(1);
}
let bad = 0;
for (const [what, re, allowed, hint] of RULES) {
  const hits = names.filter((n) => re.test(n));
  const ok = hits.length <= allowed;
  console.log(`symbols: ${ok ? 'ok  ' : 'FAIL'} ${what}: ${hits.length} function(s) (at most ${allowed})`);
  if (!ok) {
    bad++;
    for (const h of hits.slice(0, 8)) console.log(`          ${h}`);
    console.log(`          usually from: ${hint}`);
  }
}
console.log(`symbols: ${names.length} functions named in ${file.replace(/.*\/target\//, 'target/')}`);
process.exit(bad ? 1 : 0);
