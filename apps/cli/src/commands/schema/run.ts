import { join, resolve } from "node:path";
import { didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";
import { makeDirectory } from "@switchyard/config-schema/fs";
import {
  CONFIG_FILE_KINDS,
  CONFIG_FILES,
  type ConfigFileKind,
  generateJsonSchemas,
  schemaUrl,
} from "@switchyard/config-schema/schemas";
import { plural } from "@switchyard/config-schema/text";
import { writeFileAtomic } from "@switchyard/config-schema/write";
import { stringOption } from "../../args.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { ioErrorFor, UsageError } from "../../errors.js";
import { displayPath } from "../../paths.js";

function schemaFileName(kind: ConfigFileKind): string {
  return `${kind}.schema.json`;
}

function parseKind(text: string | undefined): ConfigFileKind | undefined {
  if (text === undefined) return undefined;
  const kinds: readonly string[] = CONFIG_FILE_KINDS;
  if (kinds.includes(text)) return text as ConfigFileKind;
  const byFileName = CONFIG_FILE_KINDS.find((k) => CONFIG_FILES[k].fileName === text);
  if (byFileName !== undefined) return byFileName;
  throw new UsageError(
    `Unknown kind '${text}'${didYouMean(suggestName(text, kinds))} (kinds: ${kinds.join(", ")})`,
    {
      hint: "Run 'switchyard schema' to list the kinds.",
    },
  );
}

function listKinds(): CommandOutcome {
  const rows = CONFIG_FILE_KINDS.map((kind) => ({
    kind,
    fileName: CONFIG_FILES[kind].fileName,
    required: CONFIG_FILES[kind].required,
    schemaUrl: schemaUrl(kind),
  }));
  const width = rows.reduce((w, r) => Math.max(w, r.kind.length), 0);
  const fileWidth = rows.reduce((w, r) => Math.max(w, r.fileName.length), 0);
  const lines = [
    "Config file kinds and their JSON Schemas:",
    "",
    ...rows.map((r) => `  ${r.kind.padEnd(width)}   ${r.fileName.padEnd(fileWidth)}   ${r.schemaUrl}`),
    "",
    "Print one with 'switchyard schema --kind <kind>'; write them all with 'switchyard schema --out <dir>'.",
  ];
  return { status: "ok", data: rows, stdout: `${lines.join("\n")}\n` };
}

async function writeSchemas(
  kinds: readonly ConfigFileKind[],
  outArgument: string,
  context: CommandContext,
): Promise<CommandOutcome> {
  const { cwd } = context.io;
  const dir = resolve(cwd, outArgument);
  const schemas = generateJsonSchemas();
  try {
    await makeDirectory(dir);
  } catch (error) {
    throw ioErrorFor("create", displayPath(dir, cwd), dir, error);
  }
  const written: string[] = [];
  for (const kind of kinds) {
    const path = join(dir, schemaFileName(kind));
    try {
      await writeFileAtomic(path, schemas[schemaFileName(kind)]!);
    } catch (error) {
      throw ioErrorFor("write", displayPath(path, cwd), path, error);
    }
    written.push(displayPath(path, cwd));
  }
  return {
    status: "ok",
    data: { written },
    stdout: `Wrote ${plural(written.length, "JSON schema")}:\n${written.map((p) => `  ${p}\n`).join("")}`,
  };
}

/**
 * `switchyard schema`: list the kinds; `--kind K` prints K's JSON Schema; `--out DIR` writes the
 * schemas (all, or K's) into DIR atomically.
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const kind = parseKind(stringOption(args, "kind"));
  const out = stringOption(args, "out");
  if (out !== undefined) return writeSchemas(kind === undefined ? CONFIG_FILE_KINDS : [kind], out, context);
  if (kind === undefined) return listKinds();
  const text = generateJsonSchemas()[schemaFileName(kind)]!;
  return { status: "ok", data: JSON.parse(text) as unknown, stdout: text };
}
