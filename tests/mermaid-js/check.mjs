// Parses Mermaid files with Mermaid's own parser (mermaid.parse) and fails on any error.
//
//   node check.mjs FILE_OR_DIR...    (a directory: every *.mmd and *.mmd.golden in it)
//
// scripts/test.sh runs it on tests/fixtures/mermaid (the template goldens and the seed's
// flowchart blocks) and target/tmp/mermaid-check (exports written by `cargo test --test
// mermaid`, among them designs with hostile labels). Besides parsing, it checks that each
// file is a flowchart and that no label kept markup through Mermaid's own sanitiser: the parsed
// labels must not contain a raw `<` other than Mermaid's `<br>`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';

// mermaid needs a DOM (DOMPurify) even to parse.
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

const files = [];
for (const arg of process.argv.slice(2)) {
  const st = statSync(arg, { throwIfNoEntry: false });
  if (!st) {
    console.error(`mermaid-check: ${arg} does not exist`);
    process.exit(2);
  }
  if (st.isDirectory()) {
    for (const f of readdirSync(arg).sort()) {
      if (f.endsWith('.mmd') || f.endsWith('.mmd.golden')) files.push(join(arg, f));
    }
  } else {
    files.push(arg);
  }
}
if (files.length === 0) {
  console.error('mermaid-check: no .mmd files given');
  process.exit(2);
}

let failed = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  try {
    const res = await mermaid.parse(text);
    if (!res || !String(res.diagramType).startsWith('flowchart')) {
      throw new Error(`not a flowchart: ${JSON.stringify(res)}`);
    }
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const vertices = db.getVertices();
    const entries = vertices instanceof Map ? [...vertices.values()] : Object.values(vertices);
    const labels = entries.map((v) => String(v.text ?? ''));
    labels.push(...db.getEdges().map((e) => String(e.text ?? '')));
    labels.push(...db.getSubGraphs().map((s) => String(s.title ?? '')));
    for (const l of labels) {
      if (/<(?!br\s*\/?>)/i.test(l)) throw new Error(`a label kept raw markup: ${JSON.stringify(l)}`);
    }
  } catch (e) {
    failed++;
    console.error(`FAIL ${f}: ${String(e.message ?? e).split('\n').slice(0, 6).join('\n')}`);
  }
}
console.log(`mermaid-check: ${files.length - failed}/${files.length} files parsed by mermaid ${mermaid.version ?? ''}`.trim());
process.exit(failed ? 1 : 0);
