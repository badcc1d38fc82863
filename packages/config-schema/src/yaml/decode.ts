import { isUtf8 } from "node:buffer";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.js";
import { schemaDiagnostic } from "../diagnostics/schema-catalogue.js";

/**
 * The byte index of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF), or -1 when every byte is.
 *
 * Well-formed input (nearly every file) is recognised by Node's native validator, the same RFC 3629
 * check; the byte walk below runs only to locate the first bad byte. Walking every byte in JavaScript
 * cost more than the rest of loading a small config file (≈ 1 ms per 3 KB before the walk is optimised).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    // The allowed range of the second byte depends on the first (Table 3-7 of the Unicode standard).
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The 1-based line/column of a UTF-16 offset in `text` (lines end at `\n`, as yaml counts them). */
export function positionInText(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}

function encodingDiagnostic(file: string, start: SourcePosition, message: string, hint: string): Diagnostic {
  return schemaDiagnostic("SY1005", {
    message,
    file,
    range: { start, end: { line: start.line, column: start.column + 1, offset: start.offset + 1 } },
    hint,
  });
}

const UTF16_HINT = "Save the file as UTF-8 (without a byte-order mark).";

/**
 * Decode bytes as strict UTF-8 (a UTF-8 byte-order mark is dropped). A UTF-16 byte-order mark or
 * an ill-formed byte becomes an SY1005 diagnostic located at the first bad byte.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): { text: string } | { diagnostic: Diagnostic } {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return {
      diagnostic: encodingDiagnostic(
        file,
        { line: 1, column: 1, offset: 0 },
        `File is UTF-16 encoded (byte-order mark ${bytes[0] === 0xff ? "FF FE" : "FE FF"}); config files must be UTF-8`,
        UTF16_HINT,
      ),
    };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad === -1) return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  // Everything before the bad byte is well-formed, so its decoded length is the bad byte's offset.
  const prefix = new TextDecoder("utf-8").decode(bytes.subarray(0, bad));
  return {
    diagnostic: encodingDiagnostic(
      file,
      positionInText(prefix, prefix.length),
      `Invalid UTF-8 byte 0x${bytes[bad]!.toString(16).padStart(2, "0")} at byte offset ${bad}`,
      "Re-save the file as UTF-8; the byte shown is from another encoding (often Latin-1 or Windows-1252).",
    ),
  };
}

/**
 * An SY1005 diagnostic for the first NUL character of `text`, if any. YAML never allows NUL; it
 * almost always means a UTF-16 file saved without a byte-order mark.
 */
export function nulCharacterDiagnostic(text: string, file: string): Diagnostic | undefined {
  const at = text.indexOf("\u0000");
  if (at === -1) return undefined;
  return encodingDiagnostic(
    file,
    positionInText(text, at),
    "The file contains a NUL character, which YAML does not allow (is it UTF-16 without a byte-order mark?)",
    UTF16_HINT,
  );
}
