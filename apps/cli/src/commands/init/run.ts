import { lstat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { makeDirectory } from "@switchyard/config-schema/fs";
import { installedSchemaPath, yamlLanguageServerComment } from "@switchyard/config-schema/schemas";
import { writeFileAtomic, writeFileSafely } from "@switchyard/config-schema/write";
import { booleanOption, stringOption } from "../../args.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { configDirArgument } from "../../config-dir.js";
import { IoError, ioErrorFor } from "../../errors.js";
import { displayPath } from "../../paths.js";
import type { Style } from "../../style.js";
import { CONFIG_TEMPLATES, type ConfigTemplate } from "../../templates/index.js";

/** One file `init` wrote (or found already identical). */
export interface InitFile {
  readonly path: string;
  /** False when the file already had exactly this content (nothing written, no backup). */
  readonly changed: boolean;
  /** Where the replaced file was saved, when one was replaced. */
  readonly backup?: string;
}

/** What `switchyard init --json` prints. */
export interface InitResult {
  readonly dir: string;
  readonly written: readonly InitFile[];
  /** Files that existed before: refused without `--force`, replaced (after a backup) with it. */
  readonly existing: readonly string[];
  /** Temp files of crashed earlier writes that were cleaned up. */
  readonly removedTempFiles: readonly string[];
}

async function exists(path: string, shown: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw ioErrorFor("check", shown, path, error);
  }
}

function refusal(existing: readonly string[]): string {
  return [
    `Refusing to overwrite ${existing.length === 1 ? "an existing file" : `${existing.length} existing files`}:`,
    ...existing.map((p) => `  ${p}`),
    "Run again with --force to replace them (each is backed up first), or choose another directory.",
    "",
  ].join("\n");
}

function report(result: InitResult, style: Style): string {
  const flag = result.dir === "config" ? "" : ` --config-dir ${result.dir}`;
  const describe = (f: InitFile) =>
    f.backup !== undefined
      ? style.dim(`  (previous version saved as ${f.backup})`)
      : f.changed
        ? ""
        : style.dim("  (unchanged)");
  const header = result.written.some((f) => f.changed)
    ? `${style.green("Wrote")} the config set to ${result.dir}:`
    : `The config set in ${result.dir} already matches the templates; nothing written:`;
  return [
    header,
    ...result.written.map((f) => `  ${f.path}${describe(f)}`),
    ...(result.removedTempFiles.length === 0
      ? []
      : [
          "",
          "Removed temp files left by an interrupted earlier write:",
          ...result.removedTempFiles.map((p) => `  ${p}`),
        ]),
    "",
    "Next steps:",
    "  1. Edit the files: keep the providers you run, remove the others; the comments explain each field.",
    `  2. Check the set:          switchyard validate${flag}`,
    "  3. Set OPENAI_API_KEY where LiteLLM runs, or remove the openai provider and the routes to it.",
    "  4. Look up any finding:    switchyard explain <code>",
    "",
  ].join("\n");
}

/**
 * A template's text for `--schema local`: its modeline names the schema inside the installed
 * `@switchyard/config-schema`, relative to `dir`. Throws an {@link IoError} (exit 2, nothing written)
 * when the package is not installed in `dir` or above.
 */
function withLocalSchema(template: ConfigTemplate, dir: string, shownDir: string): string {
  const path = installedSchemaPath(template.kind, dir);
  if (path === undefined) {
    throw new IoError(
      `Cannot find node_modules/@switchyard/config-schema/schemas/ in ${shownDir} or any directory above it`,
      dir,
      {
        hint: "Install it where the config lives (npm install --save-dev @switchyard/config-schema), or run without --schema local to point at the published schemas.",
      },
    );
  }
  const [, ...rest] = template.content.split("\n");
  return [yamlLanguageServerComment(template.kind, path), ...rest].join("\n");
}

/**
 * `switchyard init [dir]`: write the starter config set. Refuses (status `invalid`, exit 1) when
 * any of its files already exists, unless `--force`; then each existing file is replaced through
 * `writeFileSafely` (locked, backed up first, atomic).
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const { cwd } = context.io;
  const dir = resolve(cwd, configDirArgument(args, "init", { positional: true }));
  const shownDir = displayPath(dir, cwd);
  const local = stringOption(args, "schema") === "local";
  const targets = CONFIG_TEMPLATES.map((template) => {
    const path = join(dir, template.fileName);
    const content = local ? withLocalSchema(template, dir, shownDir) : template.content;
    return { content, path, shown: displayPath(path, cwd) };
  });
  const existing: string[] = [];
  for (const target of targets) if (await exists(target.path, target.shown)) existing.push(target.shown);

  if (existing.length > 0 && !booleanOption(args, "force")) {
    const result: InitResult = { dir: shownDir, written: [], existing, removedTempFiles: [] };
    return { status: "invalid", data: result, stderr: refusal(existing) };
  }
  try {
    await makeDirectory(dir);
  } catch (error) {
    throw ioErrorFor("create", shownDir, dir, error);
  }
  const written: InitFile[] = [];
  const removedTempFiles: string[] = [];
  for (const { content, path, shown } of targets) {
    try {
      if (existing.includes(shown)) {
        const outcome = await writeFileSafely(path, content, { backup: true, lock: true });
        for (const p of outcome.removedTempFiles ?? [])
          removedTempFiles.push(displayPath(resolve(dir, p), cwd));
        written.push({
          path: shown,
          changed: outcome.changed,
          ...(outcome.backupPath === undefined ? {} : { backup: displayPath(outcome.backupPath, cwd) }),
        });
      } else {
        await writeFileAtomic(path, content);
        written.push({ path: shown, changed: true });
      }
    } catch (error) {
      throw ioErrorFor("write", shown, path, error);
    }
  }
  const result: InitResult = { dir: shownDir, written, existing, removedTempFiles };
  return { status: "ok", data: result, stdout: report(result, context.style) };
}
