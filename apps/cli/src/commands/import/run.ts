import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";
import { readBoundedFile, utf8Text } from "@switchyard/config-schema/fs";
import { plural } from "@switchyard/config-schema/text";
import {
  generatorCatalogue,
  type ImportSuccess,
  importLiteLLMConfig,
  writeImportedConfig,
} from "@switchyard/litellm-generator";
import { booleanOption } from "../../args.js";
import { cliCatalogue } from "../../catalogue.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { configDirArgument, DEFAULT_CONFIG_DIR } from "../../config-dir.js";
import { ioErrorFor, UsageError } from "../../errors.js";
import { displayPath } from "../../paths.js";
import { prettyDiagnostics } from "../../report.js";

/** What `switchyard import` can import from. */
export const IMPORT_SOURCES = ["litellm"] as const;

/** Codes of a write that failed on I/O (exit 2); SY4220 (files exist) is a refusal (exit 1). */
const IO_CODES = new Set(["SY4221"]);

function parseSource(text: string | undefined): void {
  if (text === undefined || (IMPORT_SOURCES as readonly string[]).includes(text)) return;
  throw new UsageError(
    `Unknown import source '${text}'${didYouMean(suggestName(text, IMPORT_SOURCES))} (sources: ${IMPORT_SOURCES.join(", ")})`,
    { hint: "Run 'switchyard import --help' for usage." },
  );
}

async function sourcesOf(result: ImportSuccess, cwd: string): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  for (const path of result.sources) {
    const read = await readBoundedFile(path);
    if (read.ok) sources.set(displayPath(path, cwd), utf8Text(read.bytes));
  }
  return sources;
}

function summaryLine(result: ImportSuccess): string {
  const s = result.summary;
  const parts = [
    plural(s.providers, "provider"),
    plural(s.exactMatches, "exact match", "exact matches"),
    plural(s.loadBalancingGroups, "load-balancing group"),
    plural(s.patterns, "pattern"),
    plural(s.fallbacks, "fallback list"),
  ];
  const extra = [
    ...(s.verbatim > 0 ? [`${s.verbatim} carried verbatim`] : []),
    ...(s.skipped > 0 ? [`${s.skipped} skipped`] : []),
  ];
  return `${plural(s.deployments, "deployment")} → ${parts.join(", ")}${extra.length > 0 ? ` (${extra.join(", ")})` : ""}`;
}

/**
 * `switchyard import litellm <config.yaml>`: turn a LiteLLM proxy config (and its includes) into a
 * Switchyard config set in `--out` (default ./config): providers.yaml, model-mappings.yaml,
 * ports.yaml and litellm-passthrough.yaml for what those do not model. Literal secrets become
 * environment references. Refuses to overwrite existing files unless `--force` (each is backed up).
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  parseSource(args.positionals[0]);
  const file = args.positionals[1];
  if (file === undefined) {
    throw new UsageError(
      "Missing argument <file>: the LiteLLM config to import (the file given to `litellm --config`)",
      {
        hint: "Run 'switchyard import --help' for usage.",
      },
    );
  }
  const { cwd } = context.io;
  const input = resolve(cwd, file);
  try {
    await stat(input);
  } catch (error) {
    throw ioErrorFor("read", displayPath(input, cwd), input, error);
  }
  const outDir = resolve(
    cwd,
    configDirArgument(args, "import", { positional: true, positionalIndex: 2, alias: "out" }),
  );
  const catalogue = cliCatalogue(generatorCatalogue);
  const result = await importLiteLLMConfig(input, {
    cwd,
    generateIds: booleanOption(args, "generate-ids"),
    dropEmptySections: booleanOption(args, "drop-empty-sections"),
  });
  if (!result.ok) {
    return {
      status: "invalid",
      data: result,
      stderr: prettyDiagnostics(result.diagnostics, context, { stream: "stderr", catalogue }),
    };
  }
  const written = await writeImportedConfig(result, outDir, { force: booleanOption(args, "force"), cwd });
  if (!written.ok) {
    return {
      status: written.diagnostics.some((d) => IO_CODES.has(d.code)) ? "io-error" : "invalid",
      data: { ...result, write: written },
      stderr: prettyDiagnostics(written.diagnostics, context, { stream: "stderr", catalogue }),
    };
  }
  const { style } = context;
  const shownDir = displayPath(outDir, cwd);
  const lines = [
    `${style.green("Imported")} ${displayPath(input, cwd)} into ${shownDir}: ${summaryLine(result)}.`,
    ...written.written.map((p) => `  ${displayPath(p, cwd)}`),
    ...written.backups.map((p) => style.dim(`  (previous version saved as ${displayPath(p, cwd)})`)),
    ...written.removed.map((p) => style.dim(`  removed the stale ${displayPath(p, cwd)} (backed up)`)),
  ];
  const findings = [...result.lossy, ...result.notes];
  const rendered =
    findings.length === 0
      ? ""
      : `\n${style.bold("What was not carried exactly, and what was inferred:")}\n\n${prettyDiagnostics(
          findings,
          context,
          {
            stream: "stdout",
            catalogue,
            sources: await sourcesOf(result, cwd),
          },
        )}`;
  const flag = shownDir === DEFAULT_CONFIG_DIR ? "" : ` --config-dir ${shownDir}`;
  const next = [
    "",
    "Next steps:",
    `  1. Check the set:            switchyard validate${flag}`,
    `  2. Compare with the original: switchyard generate --diff${flag} --out ${displayPath(input, cwd)}`,
    "  3. Export every environment variable the files reference (os.environ/NAME) where LiteLLM runs.",
    "",
  ];
  return {
    status: "ok",
    data: { ...result, write: written },
    stdout: `${lines.join("\n")}\n${rendered}${next.join("\n")}`,
  };
}
