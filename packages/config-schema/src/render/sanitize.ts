/**
 * The one sanitiser of human output. Every user-controlled string (YAML keys and values, file names,
 * messages built from them, other programs' output) goes through it before a person or a CI log sees
 * it, in every human format: the pretty and GitHub renderers, the audit's text and Markdown reports,
 * and the CLI's messages.
 *
 * - Control characters (C0, DEL, C1: ESC of ANSI escapes, BEL, CR, …) become visible symbols of the
 *   same width (`␛`, `␇`, `␍`), so a key cannot clear the screen, set the window title or rewrite a line.
 * - Bidirectional overrides ("Trojan Source") become U+FFFD.
 * - GitHub workflow commands cannot be injected: a line never starts with `::` (after spaces) unless we
 *   wrote it, and `##[` (the legacy form, honoured anywhere in a line) never appears; both are broken
 *   with a zero-width space, which a reader does not see.
 */

/** U+200B: breaks `::` and `##[` for GitHub's parser without changing what a person reads. */
const BREAK = "\u200b";

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return "\u2421";
  return "\ufffd";
}

/** `##[` (GitHub's legacy command prefix, matched anywhere in a line) broken. */
function breakLegacyCommands(text: string): string {
  return text.includes("##[") ? text.replaceAll("##[", `##${BREAK}[`) : text;
}

/**
 * A line that would start a workflow command (`::error …`, `::add-mask::…`, after leading spaces)
 * broken. GitHub's command names never start with `:` or a space, so the renderers' own `:::` lines
 * (related locations) are left alone.
 */
function breakLineCommand(line: string): string {
  const start = line.length - line.trimStart().length;
  if (!line.startsWith("::", start)) return line;
  const next = line[start + 2];
  if (next === undefined || next === ":" || next === " " || next === "\t") return line;
  return `${line.slice(0, start)}:${BREAK}${line.slice(start + 1)}`;
}

/**
 * Make one piece of user-controlled text safe inline: every control character visible, newlines
 * included (a key with a newline stays on its line as `␊`), bidi overrides replaced, `##[` broken.
 * Tabs are kept; callers expand them.
 */
export function sanitizeForTerminal(text: string): string {
  CONTROL.lastIndex = 0;
  const shown = CONTROL.test(text) ? text.replace(CONTROL, visible) : text;
  return breakLegacyCommands(shown);
}

/**
 * Make multi-line text safe (a hint, another program's output): each line sanitised as
 * {@link sanitizeForTerminal}, and no line can start a workflow command.
 */
export function sanitizeLines(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => breakLineCommand(sanitizeForTerminal(line)))
    .join("\n");
}

/** The SGR sequences our own palettes write (bold, dim, red, yellow, cyan, green and their resets). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching our own escape sequences is the point.
const OWN_SGR = /^\u001b\[(?:1|2|22|31|32|33|36|39)m/;

/**
 * The safety net for a complete human output (a report or a message as it is about to be written,
 * possibly coloured by our palettes): control characters other than newline, tab and our own colour
 * codes become visible, `##[` is broken, and no line starts a workflow command. Idempotent; use it
 * where output is written, on top of sanitising each user string where it is inserted.
 */
export function sanitizeHumanOutput(text: string): string {
  let out = "";
  let last = 0;
  CONTROL.lastIndex = 0;
  for (let match = CONTROL.exec(text); match !== null; match = CONTROL.exec(text)) {
    const i = match.index;
    const ch = match[0];
    if (ch === "\n") continue;
    if (ch === "\u001b") {
      const own = OWN_SGR.exec(text.slice(i, i + 5));
      if (own) {
        CONTROL.lastIndex = i + own[0].length;
        continue;
      }
    }
    out += text.slice(last, i) + visible(ch);
    last = i + 1;
  }
  out += text.slice(last);
  const broken = breakLegacyCommands(out);
  return broken.includes("::") ? broken.split("\n").map(breakLineCommand).join("\n") : broken;
}

/**
 * JSON or SARIF text safe to print into a CI log without changing its data: `##[` inside strings is
 * written `\u0023#[` (the same string once parsed). JSON escapes control characters and newlines
 * itself, so nothing else can start a workflow command.
 */
export function guardJsonForLogs(json: string): string {
  return json.includes("##[") ? json.replaceAll("##[", "\\u0023#[") : json;
}
