// Fails when wasm-split left every piece of constant data in the main WASM
// file (it does so when its relocated data would not fit the linked
// segment: see SPLIT_ROOM in frontend/src/lib.rs). Then the lazy routes'
// files carry no data of their own and every public page downloads the
// staff pages' words. Usage: node scripts/wasm-split-check.mjs target/site/pkg
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { leb, sections } from "./wasm-sections.mjs";

// Bytes of the data section's segments (a file without one has 0).
function dataBytes(file) {
  const bytes = readFileSync(file);
  let total = 0;
  for (const section of sections(bytes)) {
    if (section.id !== 11) continue;
    let count, j;
    [count, j] = leb(bytes, section.body);
    for (let k = 0; k < count; k++) {
      let flag;
      [flag, j] = leb(bytes, j);
      if (flag === 2) [, j] = leb(bytes, j);
      if (flag !== 1) {
        while (bytes[j] !== 0x0b) j++;
        j++;
      }
      let len;
      [len, j] = leb(bytes, j);
      total += len;
      j += len;
    }
  }
  return total;
}

const dir = process.argv[2] ?? "target/site/pkg";
// The public pages' bundle (scripts/build-islands.sh) is not split.
const files = readdirSync(dir).filter((f) => f.endsWith(".wasm") && !f.includes("-islands"));
const main = files.find((f) => f === "langnghe.wasm");
if (!main) throw new Error(`no langnghe.wasm in ${dir}`);
const lazy = files.filter((f) => f !== main);
const mainData = dataBytes(join(dir, main));
const lazyData = lazy.reduce((sum, f) => sum + dataBytes(join(dir, f)), 0);
console.log(`wasm data: main ${mainData} B, ${lazy.length} lazy files ${lazyData} B`);
if (lazy.length > 0 && lazyData < 1024) {
  console.error(
    "wasm-split left all constant data in the main file (the staff pages' words would load on every public page): " +
      "raise SPLIT_ROOM in frontend/src/lib.rs",
  );
  process.exit(1);
}
