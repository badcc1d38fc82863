import {
  type CatalogueEntry,
  didYouMean,
  formatCatalogueEntry,
  suggestName,
} from "@switchyard/config-schema/diagnostics";
import { booleanOption } from "../../args.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { UsageError } from "../../errors.js";
import { fullCatalogue } from "../../full-catalogue.js";

const LIST_HINT = "Run 'switchyard explain --list' for every code.";

/**
 * The entries a code or name names: one for a code; usually one for a name, but two packages may
 * use one name for different codes (the generator's and the consistency rules' `unknown-provider`),
 * and then every one of them is shown.
 */
function findEntries(entries: readonly CatalogueEntry[], query: string): CatalogueEntry[] {
  const upper = query.toUpperCase();
  const lower = query.toLowerCase();
  const byCode = entries.filter((e) => e.code === upper);
  if (byCode.length > 0) return byCode;
  // A former code (SY6001, now SY2020) finds the entry that replaced it.
  const byAlias = entries.filter((e) => e.aliases?.includes(upper));
  if (byAlias.length > 0) return byAlias;
  const byName = entries.filter((e) => e.name === lower);
  if (byName.length > 0) return byName;
  const looksLikeCode = /^sy\d/i.test(query);
  const candidates = looksLikeCode ? entries.map((e) => e.code) : entries.map((e) => e.name);
  const suggestion = suggestName(looksLikeCode ? upper : lower, candidates);
  throw new UsageError(`Unknown diagnostic code '${query}'${didYouMean(suggestion)}`, {
    hint: LIST_HINT,
  });
}

function formatList(entries: readonly CatalogueEntry[]): string {
  const nameWidth = entries.reduce((w, e) => Math.max(w, e.name.length), 0);
  const lines = entries.map(
    (e) => `${e.code}  ${e.name.padEnd(nameWidth)}  ${e.severity.padEnd(7)}  ${e.title}`,
  );
  return `${lines.join("\n")}\n`;
}

/**
 * `switchyard explain <code>`: the catalogue entry of a code or name, from every package's catalogue;
 * `--list`: every entry.
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const entries = [...(await fullCatalogue()).values()].sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
  );
  const query = args.positionals[0];
  if (booleanOption(args, "list")) {
    if (query !== undefined) {
      throw new UsageError(`--list takes no code (got '${query}')`, { hint: LIST_HINT });
    }
    return { status: "ok", data: entries, stdout: formatList(entries) };
  }
  if (query === undefined) {
    throw new UsageError("Missing argument <code>: a diagnostic code such as SY1030", {
      hint: LIST_HINT,
    });
  }
  const found = findEntries(entries, query);
  const texts = found.map((entry) => {
    const [header, ...rest] = formatCatalogueEntry(entry).split("\n");
    return [context.style.bold(header ?? ""), ...rest].join("\n");
  });
  // One entry prints as itself (`--json` too); a name shared by several codes prints them all.
  return { status: "ok", data: found.length === 1 ? found[0] : found, stdout: texts.join("\n") };
}
