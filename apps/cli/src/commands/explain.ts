import {
  type CatalogueEntry,
  didYouMean,
  formatCatalogueEntry,
  suggestName,
} from "@switchyard/config-schema";
import { booleanOption } from "../args.js";
import { cliCatalogue } from "../catalogue.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../command.js";
import { UsageError } from "../errors.js";

const LIST_HINT = "Run 'switchyard explain --list' for every code.";

function findEntry(entries: readonly CatalogueEntry[], query: string): CatalogueEntry {
  const upper = query.toUpperCase();
  const lower = query.toLowerCase();
  const found = entries.find((e) => e.code === upper || e.name === lower);
  if (found !== undefined) return found;
  const byCode = /^sy\d/i.test(query);
  const candidates = byCode ? entries.map((e) => e.code) : entries.map((e) => e.name);
  const suggestion = suggestName(byCode ? upper : lower, candidates);
  throw new UsageError(`Unknown diagnostic code '${query}'${didYouMean(suggestion)}`, {
    hint: LIST_HINT,
  });
}

function formatList(entries: readonly CatalogueEntry[]): string {
  const nameWidth = Math.max(...entries.map((e) => e.name.length));
  const lines = entries.map(
    (e) => `${e.code}  ${e.name.padEnd(nameWidth)}  ${e.severity.padEnd(7)}  ${e.title}`,
  );
  return `${lines.join("\n")}\n`;
}

/** `switchyard explain <code>`: the catalogue entry of a code or name; `--list`: every entry. */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const entries = [...cliCatalogue().values()].sort((a, b) =>
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
  const entry = findEntry(entries, query);
  const text = formatCatalogueEntry(entry);
  const [header, ...rest] = text.split("\n");
  return { status: "ok", data: entry, stdout: [context.style.bold(header ?? ""), ...rest].join("\n") };
}
