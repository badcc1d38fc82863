import { dirname, resolve } from "node:path";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import type { GeneratorCode } from "../catalogue.js";
import { generatorDiagnostic } from "../catalogue.js";
import { isPlainRecord } from "../internal/records.js";
import type { Where } from "./carry.js";
import type { ImportLog } from "./log.js";
import { located, type Place, readSource, type SourceFile } from "./source.js";

/** One `model_list` entry, where it is written and its place in the merged `model_list`. */
export interface LocatedEntry {
  readonly value: unknown;
  readonly where: Where;
}

/** A top-level value and the file that provided it. */
export interface LocatedSection {
  readonly value: unknown;
  readonly place: Place;
  /** The section in its file, and in the merged config (`[key]`). */
  readonly where: Where;
}

/** A LiteLLM config with its `include:` files merged the way the proxy merges them. */
export interface MergedConfig {
  /** Every deployment, in the order the proxy sees them. */
  readonly entries: readonly LocatedEntry[];
  /** Every other top-level key (the last file to set it wins, as in LiteLLM). */
  readonly sections: ReadonlyMap<string, LocatedSection>;
  /** The files read, the main config first. */
  readonly sources: readonly SourceFile[];
}

interface Pending {
  readonly name: unknown;
  /** The include list item that names the file. */
  readonly at: Place;
  /** The files that led to this one, the main config first. */
  readonly chain: readonly string[];
}

function modelListOf(value: unknown, source: SourceFile, offset: number): LocatedEntry[] {
  if (!Array.isArray(value)) return [];
  return value.map((item, index) => ({
    value: item,
    where: { place: { source, path: ["model_list", index] }, path: ["model_list", offset + index] },
  }));
}

function includeError(code: GeneratorCode, message: string, at: Place, hint: string): Diagnostic {
  return { code, severity: "error", message, ...located(at), hint };
}

/**
 * Read a LiteLLM config and its `include:` files. Like the proxy, included files are resolved
 * against the main config's directory (also when an included file includes more), lists are
 * appended to the same key (`model_list` grows) and any other value replaces the previous one. A
 * missing file, an include list that is not a list and a cycle (which would never end in LiteLLM)
 * are errors; a file included twice is read twice, as LiteLLM does, with a warning.
 */
export async function readMergedConfig(
  path: string,
  cwd: string,
  log: ImportLog,
): Promise<MergedConfig | undefined> {
  const root = await readSource(path, cwd);
  if (!root.ok) return log.fail(root.diagnostics);
  if (!isPlainRecord(root.source.data)) {
    return log.fail([
      generatorDiagnostic("SY4200", {
        message: `${root.source.file} is not a LiteLLM config: the top level must be a mapping with model_list`,
        file: root.source.file,
        hint: "Point `switchyard import` at the file passed to `litellm --config`.",
      }),
    ]);
  }
  const sources: SourceFile[] = [root.source];
  const sections = new Map<string, LocatedSection>();
  let entries: LocatedEntry[] = [];
  const queue: Pending[] = [];
  const seen = new Set<string>([path]);

  const absorb = (source: SourceFile, data: Record<string, unknown>, chain: readonly string[]): boolean => {
    for (const key of Object.keys(data)) {
      const value = data[key];
      const place: Place = { source, path: [key] };
      if (key === "include") {
        if (!Array.isArray(value)) {
          log.fail([
            includeError(
              "SY4201",
              "'include' must be a list of file paths",
              place,
              "Write `include: [models.yaml]`; LiteLLM refuses anything else.",
            ),
          ]);
          return false;
        }
        value.forEach((name: unknown, index) => {
          queue.push({ name, at: { source, path: ["include", index] }, chain: [...chain, source.path] });
        });
        continue;
      }
      const previous = sections.get(key);
      if (previous && Array.isArray(previous.value) && Array.isArray(value)) {
        // LiteLLM: `config[key].extend(value)`.
        sections.set(key, { ...previous, value: [...previous.value, ...value] });
        if (key === "model_list") entries = [...entries, ...modelListOf(value, source, entries.length)];
        continue;
      }
      if (previous) {
        log.note(
          "SY4203",
          `'${key}' from ${source.file} replaces the one in ${previous.place.source.file} (LiteLLM replaces, it does not merge)`,
          place,
          "Keep each top-level section in one file so nothing is silently replaced.",
        );
      }
      if (key === "model_list") entries = modelListOf(value, source, 0);
      sections.set(key, { value, place, where: { place, path: [key] } });
    }
    return true;
  };

  if (!absorb(root.source, root.source.data, [])) return undefined;
  for (let i = 0; i < queue.length; i++) {
    const pending = queue[i]!;
    if (typeof pending.name !== "string" || pending.name === "") {
      return log.fail([
        includeError(
          "SY4201",
          "An include entry is not a file path",
          pending.at,
          "List file names as strings.",
        ),
      ]);
    }
    const file = resolve(dirname(path), pending.name);
    if (file === path || pending.chain.includes(file)) {
      const names = [...pending.chain, file].map((p) => sources.find((s) => s.path === p)?.file ?? p);
      return log.fail([
        includeError(
          "SY4202",
          `Include cycle: ${names.join(" -> ")} (LiteLLM would never finish loading)`,
          pending.at,
          "Remove one include of the cycle.",
        ),
      ]);
    }
    const read = await readSource(file, cwd, pending.at);
    if (!read.ok) return log.fail(read.diagnostics);
    if (!isPlainRecord(read.source.data)) {
      return log.fail([
        includeError(
          "SY4201",
          `Included file ${read.source.file} is not a mapping of config sections`,
          pending.at,
          "An included file holds top-level keys such as model_list, like the main config.",
        ),
      ]);
    }
    if (seen.has(file)) {
      log.lossy(
        "SY4203",
        `${read.source.file} is included more than once; LiteLLM adds its content again, so its deployments are duplicated`,
        pending.at,
        "Include each file once.",
      );
    }
    seen.add(file);
    sources.push(read.source);
    if (!absorb(read.source, read.source.data, pending.chain)) return undefined;
  }
  return { entries, sections, sources };
}
