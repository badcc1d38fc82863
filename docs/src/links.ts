/**
 * The link checker: every relative link and anchor in the repository's Markdown must resolve, with
 * no network. A link to a file or folder must name one that exists; `#anchor` must name a heading
 * of the target page (GitHub's slugs, {@link Slugger}) or an explicit `id`/`name`; `#L12` on a
 * non-Markdown file is GitHub's line link and only needs the file. Links inside code are not links.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";
import { codeBlocks } from "@switchyard/test-utils";
import { Slugger } from "./markdown.ts";

/** A link that does not resolve. */
export interface BrokenLink {
  /** The page holding it, relative to the root. */
  readonly file: string;
  readonly line: number;
  readonly target: string;
  readonly reason: string;
}

/** The lines of `markdown` with fenced code blocks blanked (line numbers kept). */
function proseLines(markdown: string): string[] {
  const lines = markdown.split(/\r?\n/);
  for (const block of codeBlocks(markdown)) {
    for (let i = block.line - 1; i < block.endLine && i < lines.length; i++) lines[i] = "";
  }
  return lines;
}

/** Inline code spans removed, so `` `[a](b)` `` is not a link. */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, (m) => " ".repeat(m.length));
}

/** Every anchor a page defines: its headings' slugs and explicit `id`/`name` attributes. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const slugger = new Slugger();
  const lines = proseLines(markdown);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const atx = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    const next = lines[i + 1];
    if (atx) anchors.add(slugger.slug(atx[1]!.replace(/`/g, "")));
    else if (
      line.trim() !== "" &&
      next !== undefined &&
      /^ {0,3}(=+|-+)\s*$/.test(next) &&
      !/^\s*[-*|]/.test(line)
    )
      anchors.add(slugger.slug(line.trim().replace(/`/g, "")));
    for (const m of line.matchAll(/<[a-z]+[^>]*\s(?:id|name)=["']([^"']+)["']/gi)) anchors.add(m[1]!);
  }
  return anchors;
}

/** The link targets of one page with their lines: inline links, images, reference definitions, hrefs. */
export function linksOf(markdown: string): { line: number; target: string }[] {
  const links: { line: number; target: string }[] = [];
  proseLines(markdown).forEach((raw, i) => {
    const line = withoutCodeSpans(raw);
    for (const m of line.matchAll(/!?\[(?:[^\]`]|`[^`]*`)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      links.push({ line: i + 1, target: m[1]! });
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
    if (definition) links.push({ line: i + 1, target: definition[1]! });
    for (const m of line.matchAll(/\s(?:href|src)=["']([^"']+)["']/g))
      links.push({ line: i + 1, target: m[1]! });
  });
  return links;
}

const anchorCache = new Map<string, Set<string>>();
function anchorsOfFile(path: string): Set<string> {
  let anchors = anchorCache.get(path);
  if (anchors === undefined) {
    anchors = anchorsOf(readFileSync(path, "utf8"));
    anchorCache.set(path, anchors);
  }
  return anchors;
}

/** Check one page's links; `root` is the repository root (a link starting with `/` is relative to it). */
export function checkPage(root: string, file: string): BrokenLink[] {
  const path = resolve(root, file);
  const broken: BrokenLink[] = [];
  for (const { line, target } of linksOf(readFileSync(path, "utf8"))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) continue; // external: not checked
    const hash = target.indexOf("#");
    const pathPart = decodeURIComponent(hash === -1 ? target : target.slice(0, hash)).split("?")[0]!;
    const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const targetPath =
      pathPart === ""
        ? path
        : pathPart.startsWith("/")
          ? join(root, pathPart)
          : resolve(dirname(path), pathPart);
    const report = (reason: string) => broken.push({ file, line, target, reason });
    if (!existsSync(targetPath)) {
      report(`${relative(root, targetPath) || "."} does not exist`);
      continue;
    }
    if (relative(root, targetPath).startsWith("..")) {
      report("points outside the repository");
      continue;
    }
    if (anchor === undefined || anchor === "") continue;
    if (statSync(targetPath).isDirectory()) {
      report("an anchor on a directory");
      continue;
    }
    if (extname(targetPath).toLowerCase() !== ".md") {
      if (!/^L\d+(?:-L\d+)?$/.test(anchor)) report(`#${anchor} on a file that is not Markdown`);
      continue;
    }
    if (!anchorsOfFile(targetPath).has(anchor)) report(`no heading or id gives #${anchor}`);
  }
  return broken;
}

/** The repository's Markdown files (tracked or new, never ignored), minus test fixtures. */
export function markdownFiles(root: string): string[] {
  const out = execFileSync(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", "*.md"],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  return out
    .split("\0")
    .filter((f) => f !== "" && !/(^|\/)(test\/fixtures|node_modules)\//.test(f))
    .filter((f) => existsSync(join(root, f)))
    .sort();
}

/** Every broken relative link of the repository's Markdown. */
export function checkRepository(root: string): BrokenLink[] {
  anchorCache.clear();
  return markdownFiles(root).flatMap((file) => checkPage(root, file));
}
