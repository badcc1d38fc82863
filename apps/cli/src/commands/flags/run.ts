import { userInfo } from "node:os";
import { join, resolve } from "node:path";
import {
  type Diagnostic,
  didYouMean,
  suggestName,
  type YamlPath,
} from "@switchyard/config-schema/diagnostics";
import type { LoadedFile } from "@switchyard/config-schema/load";
import { sanitizeForTerminal } from "@switchyard/config-schema/render";
import type { Flag } from "@switchyard/config-schema/schemas";
import {
  applyFlagEdit,
  type EvaluationContext,
  FileFlagStore,
  FLAG_CODES,
  type FlagCode,
  type FlagEdit,
  FlagEngine,
  type FlagEvaluation,
  FlagVersionConflictError,
  flagsCatalogue,
  flagsDiagnostic,
  flagsOf,
  isValidUserId,
  type StoredFlag,
} from "@switchyard/feature-flags";
import { listOption, stringOption } from "../../args.js";
import { cliCatalogue } from "../../catalogue.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { configDirArgument } from "../../config-dir.js";
import { ioErrorFor, UsageError } from "../../errors.js";
import { displayPath } from "../../paths.js";
import { prettyDiagnostics } from "../../report.js";
import {
  type RemoteTarget,
  remoteChange,
  remoteEvaluate,
  remoteFlag,
  remoteList,
  remoteTarget,
  storedOf,
} from "./remote.js";

/** The actions of `switchyard flags`. */
export const FLAG_ACTIONS = [
  "list",
  "get",
  "eval",
  "enable",
  "disable",
  "rollout",
  "whitelist",
  "blacklist",
] as const;
type Action = (typeof FLAG_ACTIONS)[number];

/** Which options each action takes (besides --config-dir and --json). */
const ACTION_OPTIONS: Readonly<Record<Action, readonly string[]>> = {
  list: ["tag"],
  get: [],
  eval: ["user", "attr"],
  enable: [],
  disable: [],
  rollout: [],
  whitelist: [],
  blacklist: [],
};
/** How many positionals each action takes after its name. */
const ARITY: Readonly<Record<Action, number>> = {
  list: 0,
  get: 1,
  eval: 1,
  enable: 1,
  disable: 1,
  rollout: 2,
  whitelist: 3,
  blacklist: 3,
};
const SHARED_OPTIONS = new Set(["config-dir", "server", "token-file", "token", "json", "help"]);
const FLAG_FILE = "feature-flags.yaml";

function usage(message: string): UsageError {
  return new UsageError(message, { hint: "Run 'switchyard flags --help' for usage." });
}

/** User-controlled text for the terminal (config-schema's one sanitiser). */
const safe = sanitizeForTerminal;

function parseAction(args: ParsedArgs): Action {
  const text = args.positionals[0];
  if (text === undefined) throw usage(`Missing action: one of ${FLAG_ACTIONS.join(", ")}`);
  if (!(FLAG_ACTIONS as readonly string[]).includes(text)) {
    throw usage(
      `Unknown flags action '${safe(text)}'${didYouMean(suggestName(text, FLAG_ACTIONS))} (actions: ${FLAG_ACTIONS.join(", ")})`,
    );
  }
  const action = text as Action;
  for (const [name, value] of Object.entries(args.values)) {
    if (value === undefined || SHARED_OPTIONS.has(name) || ACTION_OPTIONS[action].includes(name)) continue;
    throw usage(`'flags ${action}' takes no --${name}`);
  }
  const given = args.positionals.length - 1;
  if (given < ARITY[action]) {
    const shape: Record<Action, string> = {
      list: "flags list",
      get: "flags get <flag>",
      eval: "flags eval <flag> --user <id>",
      enable: "flags enable <flag>",
      disable: "flags disable <flag>",
      rollout: "flags rollout <flag> <percent>",
      whitelist: "flags whitelist add|remove <flag> <user>",
      blacklist: "flags blacklist add|remove <flag> <user>",
    };
    throw usage(`Missing argument: ${shape[action]}`);
  }
  // The config directory may follow the action's own arguments, as in every command (`flags list config`).
  if (given > ARITY[action] + 1)
    throw usage(
      `Too many arguments for 'flags ${action}': unexpected '${safe(args.positionals[ARITY[action] + 2]!)}'`,
    );
  return action;
}

/** Where the flags live: the config directory's file (through the file store); `--server` is remote.ts. */
interface FlagTarget {
  readonly shown: string;
  readonly loaded: LoadedFile<"feature-flags">;
  readonly store: FileFlagStore;
}

interface Run {
  readonly context: CommandContext;
  readonly target: FlagTarget;
}

/** A finding located in the flag file (at `path`, or its deepest existing key); severity from the catalogue. */
function located(run: Run, code: FlagCode, message: string, path: YamlPath, hint: string): Diagnostic {
  const { loaded, shown } = run.target;
  const range = loaded.source.rangeOf(path, "key");
  return flagsDiagnostic(code, { message, file: shown, path, ...(range ? { range } : {}), hint });
}

function refused(
  run: Run,
  diagnostics: readonly Diagnostic[],
  data: Record<string, unknown> = {},
): CommandOutcome {
  const stderr = prettyDiagnostics(diagnostics, run.context, {
    stream: "stderr",
    catalogue: cliCatalogue(flagsCatalogue),
    sources: new Map([[run.target.shown, run.target.loaded.source.text]]),
  });
  return { status: "invalid", data: { ...data, diagnostics }, stderr };
}

async function openTarget(args: ParsedArgs, context: CommandContext): Promise<FlagTarget | CommandOutcome> {
  const cwd = context.io.cwd;
  const dirIndex = ARITY[args.positionals[0] as Action] + 1;
  const dir = resolve(cwd, configDirArgument(args, "flags", { positional: true, positionalIndex: dirIndex }));
  const path = join(dir, FLAG_FILE);
  const shown = displayPath(path, cwd);
  // One read: the store parses and validates the file and keeps that read for our diagnostics.
  const store = await FileFlagStore.open(path, { watch: false, displayName: shown });
  const loaded = store.loaded;
  if (loaded === undefined) {
    await store.close();
    throw ioErrorFor("read", shown, path, store.readError);
  }
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    await store.close();
    const stderr = prettyDiagnostics(loaded.diagnostics, context, {
      stream: "stderr",
      catalogue: cliCatalogue(flagsCatalogue),
      sources: new Map([[loaded.file, loaded.source.text]]),
      summaryTarget: shown,
    });
    return { status: "invalid", data: { file: shown, diagnostics: loaded.diagnostics }, stderr };
  }
  return { shown, loaded, store };
}

function flagName(run: Run, raw: string): { name: string } | { outcome: CommandOutcome } {
  if (raw.trim() === "" || /[\r\n]/.test(raw)) {
    return {
      outcome: refused(run, [
        located(
          run,
          FLAG_CODES.invalidFlagName,
          `Invalid flag name ${JSON.stringify(raw)}`,
          ["flags"],
          "Flag names are non-empty, single-line keys of `flags:`.",
        ),
      ]),
    };
  }
  if (!run.target.store.snapshot().has(raw)) {
    const names = [...run.target.store.snapshot().keys()];
    return {
      outcome: refused(
        run,
        [
          located(
            run,
            FLAG_CODES.flagNotFound,
            `No flag '${safe(raw)}' in ${run.target.shown}${didYouMean(suggestName(raw, names))}`,
            ["flags"],
            names.length > 0
              ? "Run 'switchyard flags list' to see the flags."
              : "The file declares no flag yet; add it under `flags:`.",
          ),
        ],
        { flag: raw },
      ),
    };
  }
  return { name: raw };
}

/** One line describing who gets a flag. */
function describe(flag: Flag): string {
  if (!flag.enabled) return "off (disabled)";
  const parts: string[] = [];
  const p = flag.rollout_percentage ?? 100;
  parts.push(p >= 100 ? "on for everyone" : p <= 0 ? "0 %" : `${p} %`);
  if (flag.whitelist?.length) parts.push(`+${flag.whitelist.length} whitelisted`);
  if (flag.blacklist?.length) parts.push(`-${flag.blacklist.length} blacklisted`);
  if (flag.start_date || flag.end_date) parts.push(`${flag.start_date ?? "…"} → ${flag.end_date ?? "…"}`);
  return parts.join(", ");
}

function list(run: Run, tag: string | undefined): CommandOutcome {
  const engine = new FlagEngine(flagsOf(run.target.store.snapshot()), { env: run.context.io.env });
  return withOverrideWarnings(
    run,
    engine,
    listOutcome(engine.listFlags(tag === undefined ? {} : { tag }), tag, { file: run.target.shown }),
  );
}

/**
 * The `FEATURE_*` variables the engine ignored (SY7010 a bad value, SY7011 no such flag, SY7012
 * two flags), as warnings on stderr and in `--json`'s `diagnostics`: an override that does not
 * apply is never silent, whatever the answer says.
 */
function withOverrideWarnings(run: Run, engine: FlagEngine, outcome: CommandOutcome): CommandOutcome {
  const warnings = engine.overrideDiagnostics;
  if (warnings.length === 0) return outcome;
  const stderr = prettyDiagnostics(warnings, run.context, {
    stream: "stderr",
    catalogue: cliCatalogue(flagsCatalogue),
  });
  return {
    ...outcome,
    data: { ...(outcome.data as Record<string, unknown>), diagnostics: warnings },
    stderr: `${outcome.stderr ?? ""}${stderr}`,
  };
}

/** The listed flags as data and text (the same for the file and for a server). */
function listOutcome(
  flags: readonly { name: string; version: number; flag: Flag; override?: unknown }[],
  tag: string | undefined,
  where: { readonly file: string } | { readonly server: string },
): CommandOutcome {
  const data = {
    ...where,
    ...(tag !== undefined ? { tag } : {}),
    flags: flags.map((f) => ({
      name: f.name,
      version: f.version,
      ...f.flag,
      ...(f.override ? { override: f.override } : {}),
    })),
  };
  if (flags.length === 0) {
    const shown = "file" in where ? where.file : safe(where.server);
    return {
      status: "ok",
      data,
      stdout: `No flags${tag !== undefined ? ` tagged '${safe(tag)}'` : ""} in ${shown}.\n`,
    };
  }
  const width = flags.reduce((max, f) => Math.max(max, safe(f.name).length), 0);
  const lines = flags.map((f) => {
    const tags = f.flag.tags?.length ? `  [${f.flag.tags.map(safe).join(", ")}]` : "";
    const override = f.override ? "  (environment override)" : "";
    return `  ${safe(f.name).padEnd(width)}  v${f.version}  ${describe(f.flag)}${tags}${override}`;
  });
  return { status: "ok", data, stdout: `${lines.join("\n")}\n` };
}

function get(stored: Pick<StoredFlag, "name" | "version" | "flag">): CommandOutcome {
  const data = { name: stored.name, version: stored.version, flag: stored.flag };
  const lines = [`${safe(stored.name)} (version ${stored.version}): ${describe(stored.flag)}`];
  for (const [key, value] of Object.entries(stored.flag)) {
    if (key === "version") continue;
    lines.push(
      `  ${key}: ${Array.isArray(value) ? `[${value.map((v) => safe(String(v))).join(", ")}]` : safe(String(value))}`,
    );
  }
  return { status: "ok", data, stdout: `${lines.join("\n")}\n` };
}

function evaluationContext(args: ParsedArgs): EvaluationContext {
  const properties: Record<string, string> = {};
  let sessionId: string | undefined;
  for (const pair of listOption(args, "attr")) {
    const at = pair.indexOf("=");
    if (at <= 0) throw usage(`Invalid --attr '${safe(pair)}': write key=value`);
    const key = pair.slice(0, at);
    const value = pair.slice(at + 1);
    if (key === "sessionId") sessionId = value;
    else Object.defineProperty(properties, key, { value, enumerable: true });
  }
  const user = stringOption(args, "user");
  return {
    ...(user !== undefined ? { userId: user } : {}),
    ...(sessionId !== undefined ? { sessionId } : {}),
    properties,
  };
}

function explainResult(result: FlagEvaluation): string {
  const why: Record<string, string> = {
    DISABLED: "the flag is disabled",
    TARGETING_MATCH: result.value ? "the user is whitelisted" : "blacklisted, or outside the date window",
    SPLIT: `bucket ${result.bucket} of the rollout`,
    STATIC: result.value ? "rolled out to everyone" : "rolled out to nobody",
    DEFAULT: "a partial rollout and no value to bucket (give --user or the stickiness attribute)",
    OVERRIDE: "an environment override (FEATURE_*)",
    ERROR: result.errorCode ?? "error",
  };
  return `${result.value ? "on" : "off"} (${result.reason}: ${why[result.reason]})`;
}

function evaluate(run: Run, name: string, args: ParsedArgs): CommandOutcome {
  const engine = new FlagEngine(flagsOf(run.target.store.snapshot()), { env: run.context.io.env });
  const context = evaluationContext(args);
  return withOverrideWarnings(run, engine, evaluationOutcome(name, context, engine.evaluate(name, context)));
}

function evaluationOutcome(name: string, context: EvaluationContext, result: FlagEvaluation): CommandOutcome {
  const data = { flag: name, context, ...result };
  return {
    status: "ok",
    data,
    stdout: `${safe(name)}: ${explainResult(result)}, version ${result.version}\n`,
  };
}

function validPercentage(text: string): number | undefined {
  if (!/^\d+(?:\.\d+)?%?$/.test(text.trim())) return undefined;
  const value = Number(text.trim().replace("%", ""));
  return value >= 0 && value <= 100 ? value : undefined;
}

/** Who changes a flag from the command line, for the flag history: `cli:<login name>`. */
function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}

/** Apply an edit and write the changed flag (or say that nothing changed). */
async function change(run: Run, stored: StoredFlag, edit: FlagEdit, what: string): Promise<CommandOutcome> {
  const next: Flag = applyFlagEdit(stored.flag, edit);
  const unchanged = JSON.stringify({ ...next, version: stored.version }) === JSON.stringify(stored.flag);
  if (unchanged) {
    const data = { flag: stored.name, changed: false, version: stored.version };
    return { status: "ok", data, stdout: `${safe(stored.name)}: already ${what}; nothing to change.\n` };
  }
  try {
    const saved = await run.target.store.put(stored.name, next, stored.version, { actor: cliActor() });
    const data = {
      flag: stored.name,
      changed: true,
      version: saved.version,
      previousVersion: stored.version,
      file: run.target.shown,
    };
    return {
      status: "ok",
      data,
      stdout: `${safe(stored.name)}: ${what} (version ${stored.version} → ${saved.version}); ${run.target.shown} updated, previous file backed up.\n`,
    };
  } catch (error) {
    if (error instanceof FlagVersionConflictError) {
      return refused(run, [
        located(
          run,
          FLAG_CODES.versionConflict,
          error.message,
          ["flags", stored.name],
          "Someone changed the flag meanwhile; run the command again.",
        ),
      ]);
    }
    throw ioErrorFor("write", run.target.shown, run.target.store.path, error);
  }
}

/** The edit an action asks for and the words that describe its result (one table for file and server). */
function editOf(
  action: Action,
  flag: string,
  b: string | undefined,
  user: string | undefined,
  listAction: "add" | "remove" | undefined,
):
  | { edit: FlagEdit; what: string }
  | { invalid: { code: FlagCode; message: string; path: YamlPath; hint: string } } {
  switch (action) {
    case "enable":
    case "disable":
      return { edit: { kind: action }, what: action === "enable" ? "enabled" : "disabled" };
    case "rollout": {
      const percentage = validPercentage(b!);
      if (percentage === undefined) {
        return {
          invalid: {
            code: FLAG_CODES.invalidPercentage,
            message: `Invalid rollout percentage '${safe(b!)}' for flag '${safe(flag)}': give a number from 0 to 100`,
            path: ["flags", flag, "rollout_percentage"],
            hint: "For example `switchyard flags rollout new-router 25`.",
          },
        };
      }
      return { edit: { kind: "rollout", percentage }, what: `rolled out to ${percentage} %` };
    }
    default: {
      const list = action as "whitelist" | "blacklist";
      if (!isValidUserId(user!)) {
        return {
          invalid: {
            code: FLAG_CODES.invalidUser,
            message: `Invalid user id ${JSON.stringify(user)}`,
            path: ["flags", flag, list],
            hint: "Give the user id exactly as the application passes it.",
          },
        };
      }
      return listAction === "add"
        ? { edit: { kind: "list", list, add: [user!] }, what: `'${safe(user!)}' in the ${list}` }
        : { edit: { kind: "list", list, remove: [user!] }, what: `'${safe(user!)}' not in the ${list}` };
    }
  }
}

/** The flag an action names, and for whitelist/blacklist whether it adds or removes. */
function flagArgument(
  action: Action,
  args: ParsedArgs,
): { listAction: "add" | "remove" | undefined; rawFlag: string } {
  const [, a, b] = args.positionals as [string, string?, string?];
  if (action !== "whitelist" && action !== "blacklist") return { listAction: undefined, rawFlag: a ?? "" };
  if (a !== "add" && a !== "remove") {
    throw usage(
      `'flags ${action}' takes add or remove, got '${safe(a ?? "")}'${didYouMean(suggestName(a ?? "", ["add", "remove"]))}`,
    );
  }
  return { listAction: a, rawFlag: b ?? "" };
}

/** Every action against a running switchyard-server (`--server URL`). */
async function runRemote(
  action: Action,
  args: ParsedArgs,
  target: RemoteTarget,
  listAction: "add" | "remove" | undefined,
  rawFlag: string,
): Promise<CommandOutcome> {
  const [, , b, c] = args.positionals as [string, string?, string?, string?];
  if (action === "list") {
    const tag = stringOption(args, "tag");
    const listed = await remoteList(target, tag);
    if ("outcome" in listed) return listed.outcome;
    const flags = listed.flags.map((f) => ({
      ...storedOf(f),
      ...(f.override ? { override: f.override } : {}),
    }));
    return listOutcome(flags, tag, { server: target.shown });
  }
  const found = await remoteFlag(target, rawFlag);
  if ("outcome" in found) return found.outcome;
  if (action === "get") return get(found);
  if (action === "eval") {
    const context = evaluationContext(args);
    const evaluated = await remoteEvaluate(target, found.name, context);
    if ("outcome" in evaluated) return evaluated.outcome;
    return evaluationOutcome(found.name, context, evaluated.result);
  }
  const user = action === "rollout" ? undefined : c;
  const planned = editOf(action, found.name, b, user, listAction);
  if ("invalid" in planned) {
    const { code, message, hint } = planned.invalid;
    const diagnostic = flagsDiagnostic(code, { message, file: target.shown, hint });
    return {
      status: "invalid",
      data: { server: target.shown, diagnostics: [diagnostic] },
      stderr: prettyDiagnostics([diagnostic], target.context, {
        stream: "stderr",
        catalogue: cliCatalogue(flagsCatalogue),
      }),
    };
  }
  return remoteChange(target, found.name, planned.edit, planned.what);
}

export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const action = parseAction(args);
  if (args.values.token !== undefined) {
    // Refused, not warned about: by the time a warning prints, every user of the machine could
    // have read the token in `ps` or /proc/<pid>/cmdline, and the shell's history keeps it.
    throw new UsageError(
      "--token is refused: a token on the command line is visible to every user of this machine (ps) and stays in the shell's history",
      {
        hint: "Put it in a file only you can read (chmod 600) and pass --token-file FILE, or set SWITCHYARD_TOKEN.",
      },
    );
  }
  const server = stringOption(args, "server");
  const tokenFile = stringOption(args, "token-file");
  if (tokenFile !== undefined && server === undefined) {
    throw usage("--token-file applies only with --server (the local file needs no token)");
  }
  if (server !== undefined) {
    if (args.values["config-dir"] !== undefined || args.positionals.length > ARITY[action] + 1) {
      throw usage("Give --server or --config-dir, not both: the flags live in one place");
    }
    const target = await remoteTarget(server, context, tokenFile);
    const { listAction, rawFlag } = flagArgument(action, args);
    return runRemote(action, args, target, listAction, rawFlag);
  }
  const opened = await openTarget(args, context);
  if ("status" in opened) return opened;
  const run: Run = { context, target: opened };
  try {
    const [, , b, c] = args.positionals as [string, string?, string?, string?];
    if (action === "list") return list(run, stringOption(args, "tag"));
    const { listAction, rawFlag } = flagArgument(action, args);
    const found = flagName(run, rawFlag);
    if ("outcome" in found) return found.outcome;
    const stored = run.target.store.snapshot().get(found.name)!;
    switch (action) {
      case "get":
        return get(stored);
      case "eval":
        return evaluate(run, found.name, args);
      default: {
        const planned = editOf(action, found.name, b, c, listAction);
        if ("invalid" in planned) {
          const { code, message, path, hint } = planned.invalid;
          return refused(run, [located(run, code, message, path, hint)]);
        }
        return change(run, stored, planned.edit, planned.what);
      }
    }
  } finally {
    await run.target.store.close();
  }
}
