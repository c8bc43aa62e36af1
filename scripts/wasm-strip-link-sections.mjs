// Writes a linked WASM file as a plain module for a build that is not
// split: without the custom sections the linker left for wasm-split
// (`-Clink-args=--emit-relocs`: `linking`, `reloc.*`,
// `__wasm_split_unstable`), without `name`, and without wasm-split's
// exports (`_WASM_SPLIT_MARKER_…`, and `__wasm_split_00…` of lazy functions,
// which a build without `app`'s `split` feature does not have). wasm-bindgen
// and wasm-opt then read it as the plain module it is.
// Usage: node scripts/wasm-strip-link-sections.mjs IN OUT
import { readFileSync, writeFileSync } from "node:fs";
import { leb, sections } from "./wasm-sections.mjs";

const drop = (name) =>
  name === "linking" || name.startsWith("reloc.") || name === "name" || name === "__wasm_split_unstable";

function lebBytes(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

const lazyExport = (name) => name.startsWith("__wasm_split_00") || name.startsWith("_WASM_SPLIT_MARKER_");

// The export section without the lazy functions' exports.
function exports(body) {
  let [count, at] = leb(body, 0);
  const entries = [];
  for (let k = 0; k < count; k++) {
    const start = at;
    let length;
    [length, at] = leb(body, at);
    const name = body.subarray(at, at + length).toString("utf8");
    at += length + 1; // the name, then the kind
    [, at] = leb(body, at); // the index
    if (!lazyExport(name)) entries.push(body.subarray(start, at));
  }
  const content = Buffer.concat([lebBytes(entries.length), ...entries]);
  return Buffer.concat([Buffer.from([7]), lebBytes(content.length), content]);
}

const [input, output] = process.argv.slice(2);
const bytes = readFileSync(input);
const kept = [bytes.subarray(0, 8)];
for (const { id, name, start, body, end } of sections(bytes)) {
  if (id === 7) kept.push(exports(bytes.subarray(body, end)));
  else if (name === null || !drop(name)) kept.push(bytes.subarray(start, end));
}
writeFileSync(output, Buffer.concat(kept));
