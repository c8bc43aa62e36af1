// Reading a WASM file's sections, for the build's small WASM scripts.

/** An unsigned LEB128 number at `at`: [value, position after it]. */
export function leb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/** Each section: its id, its name (custom sections; else null), where it
 *  starts, where its body starts and where it ends. */
export function* sections(bytes) {
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    let name = null;
    if (id === 0) {
      const [length, j] = leb(bytes, at);
      name = bytes.subarray(j, j + length).toString("utf8");
    }
    yield { id, name, start, body: at, end: at + size };
    at += size;
  }
}
