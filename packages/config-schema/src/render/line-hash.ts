/**
 * `partialFingerprints.primaryLocationLineHash`, computed as GitHub's upload action computes it
 * (github/codeql-action, src/fingerprints.ts): for every line, a rolling hash (base 37, 64-bit
 * wrapping arithmetic) of the 100 characters from the start of the line on, skipping spaces and
 * tabs, with `\r`, `\n` and `\r\n` read as one `\n`, the end of the file marked by 65535 and padded
 * with zeros; written as the unsigned hash in hex, `:`, and how many earlier lines had the same
 * hash plus one. Code scanning uses it to keep an alert's identity when lines above it change;
 * uploads through the API (rather than the action) must bring it themselves.
 */

const WINDOW = 100;
const MASK = (1n << 64n) - 1n;
const BASE = 37n;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const END = 65535;

/** 37^100 mod 2^64: the weight of the character leaving the window. */
const LEAVING = (() => {
  let value = 1n;
  for (let i = 0; i < WINDOW; i++) value = (value * BASE) & MASK;
  return value;
})();

/** The line hash of every line of `text`: element `i` is line `i + 1`'s. */
export function lineHashes(text: string): string[] {
  const window = new Array<number>(WINDOW).fill(0);
  const lineAt = new Array<number>(WINDOW).fill(-1);
  const seen = new Map<string, number>();
  const hashes: string[] = [];
  let hash = 0n;
  let index = 0;
  let line = 0;
  let atLineStart = true;
  let afterCr = false;

  const emit = () => {
    const hex = hash.toString(16);
    const count = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, count);
    hashes[lineAt[index]! - 1] = `${hex}:${count}`;
    lineAt[index] = -1;
  };
  const push = (code: number) => {
    const leaving = window[index]!;
    window[index] = code;
    hash = (BASE * hash + BigInt(code) - LEAVING * BigInt(leaving)) & MASK;
    index = (index + 1) % WINDOW;
  };
  const take = (input: number) => {
    let code = input;
    if (code === SPACE || code === TAB || (afterCr && code === LF)) {
      afterCr = false;
      return;
    }
    afterCr = code === CR;
    if (code === CR) code = LF;
    if (lineAt[index] !== -1) emit();
    if (atLineStart) {
      atLineStart = false;
      line++;
      lineAt[index] = line;
    }
    if (code === LF) atLineStart = true;
    push(code);
  };

  for (let i = 0; i < text.length; i++) take(text.charCodeAt(i));
  take(END);
  for (let i = 0; i < WINDOW; i++) {
    if (lineAt[index] !== -1) emit();
    push(0);
  }
  return hashes;
}
