// Writes a linked WASM file as a plain module for a build that is not
// split: without the custom sections the linker left for wasm-split
// (`-Clink-args=--emit-relocs`: `linking`, `reloc.*`,
// `__wasm_split_unstable`), without `name`, and without the exports of the
// lazy functions (`__wasm_split_00…`, `_WASM_SPLIT_MARKER_…`). wasm-bindgen
// and wasm-opt then drop what nothing calls: for the islands bundle, the
// lazy routes and everything only they reach.
// Usage: node scripts/wasm-strip-link-sections.mjs IN OUT
import { readFileSync, writeFileSync } from "node:fs";

function leb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

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
let at = 8;
while (at < bytes.length) {
  const start = at;
  const id = bytes[at++];
  let size;
  [size, at] = leb(bytes, at);
  const end = at + size;
  let name = null;
  if (id === 0) {
    let length, j;
    [length, j] = leb(bytes, at);
    name = bytes.subarray(j, j + length).toString("utf8");
  }
  if (id === 7) kept.push(exports(bytes.subarray(at, end)));
  else if (name === null || !drop(name)) kept.push(bytes.subarray(start, end));
  at = end;
}
writeFileSync(output, Buffer.concat(kept));
