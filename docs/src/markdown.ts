import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The Markdown the generated pages are written in, and GitHub's heading anchors (which the link
 * checker resolves with the same function, so a generated link and its check never disagree).
 */

/**
 * The anchor GitHub gives a heading: lower case, inline markup and punctuation removed, spaces to
 * hyphens (github-slugger's rule). Repeats get `-1`, `-2`, … through {@link Slugger}.
 */
export function githubSlug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Slugs for the headings of one page, in order, numbering repeats as GitHub does. */
export class Slugger {
  readonly #occurrences = new Map<string, number>();

  slug(heading: string): string {
    const original = githubSlug(heading);
    let slug = original;
    while (this.#occurrences.has(slug)) {
      const n = (this.#occurrences.get(original) ?? 0) + 1;
      this.#occurrences.set(original, n);
      slug = `${original}-${n}`;
    }
    this.#occurrences.set(slug, 0);
    return slug;
  }
}

/**
 * Text made safe for a Markdown paragraph or table cell: outside `code spans`, `<`, `>` and `*`
 * are escaped (so `<dir>` is not read as HTML) and `|` too (so a cell does not split); inside a code
 * span only `|` is escaped, which GitHub's tables require.
 */
export function inline(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part.replaceAll("|", "\\|")
        : part
            .replaceAll("\\", "\\\\")
            .replaceAll("<", "&lt;")
            .replaceAll(">", "&gt;")
            .replaceAll("*", "\\*")
            .replaceAll("|", "\\|"),
    )
    .join("")
    .replace(/\s*\n\s*/g, " ");
}

/** A GitHub table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ];
}

/** A fenced block whose fence is longer than any run of backticks inside it. */
export function fenced(lang: string, text: string): string[] {
  const longest = [...text.matchAll(/`+/g)].reduce((max, m) => Math.max(max, m[0].length), 2);
  const fence = "`".repeat(longest + 1);
  return [`${fence}${lang}`, ...text.replace(/\n$/, "").split("\n"), fence];
}

/** The header of a generated page: what it is made from and the command that remakes it. */
export function generatedNotice(source: string): string {
  return `<!-- GENERATED from ${source} by \`pnpm docs:generate\`: edit the source, not this file. -->`;
}

const BIOME = fileURLToPath(new URL("../../node_modules/@biomejs/biome/bin/biome", import.meta.url));

/**
 * `markdown` as the repository's formatter (Biome, which `pnpm lint` runs) prints it, so a generated
 * page passes lint as written. `path` (relative to the repository root) picks the settings.
 */
export function formatMarkdown(markdown: string, path: string): string {
  // Biome keeps a cache under $XDG_CACHE_HOME (else ~/.cache): a throwaway one, so formatting a page
  // leaves nothing in the caller's home (the test harness fails a run that leaves files there).
  const cache = mkdtempSync(join(tmpdir(), "sy-biome-cache-"));
  try {
    const run = spawnSync(process.execPath, [BIOME, "format", `--stdin-file-path=${path}`], {
      cwd: fileURLToPath(new URL("../../", import.meta.url)),
      env: { ...process.env, XDG_CACHE_HOME: cache },
      input: markdown,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`biome format ${path} failed: ${run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/** The command that regenerates every generated page (the staleness tests print it). */
export const REGENERATE_COMMAND = "npx -y pnpm@10.34.8 docs:generate";

/** Append `more` to `lines` (a loop: spreading a long array into `push` can overflow the stack). */
export function append(lines: string[], more: readonly string[]): void {
  for (const line of more) lines.push(line);
}
