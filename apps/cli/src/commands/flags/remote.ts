/**
 * `switchyard flags … --server URL`: the same actions through a running switchyard-server's flag API
 * (the legacy `/api/v1/features` paths), so an operator changes the flags a fleet of replicas serves
 * without touching their store. The token comes from `--token-file FILE` (refused when group or others
 * may read it, as ssh refuses such a key) or from `SWITCHYARD_TOKEN`; never from the command line,
 * where `ps` and the shell's history would show it (`--token` is refused). Each change goes through the server's `store.update`: it applies on top
 * of the current version and is recorded in the flag's history with the token's name.
 */
import { resolve } from "node:path";
import { type Diagnostic, didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";
import { readBoundedFile, utf8Text } from "@switchyard/config-schema/fs";
import { sanitizeForTerminal } from "@switchyard/config-schema/render";
import type { Flag } from "@switchyard/config-schema/schemas";
import {
  type EvaluationContext,
  FLAG_CODES,
  type FlagEdit,
  type FlagEvaluation,
  flagsCatalogue,
  flagsDiagnostic,
} from "@switchyard/feature-flags";
import { cliCatalogue } from "../../catalogue.js";
import type { CommandContext, CommandOutcome } from "../../command.js";
import { IoError, UsageError } from "../../errors.js";
import { prettyDiagnostics } from "../../report.js";

const safe = sanitizeForTerminal;

/** How long one request may take before the command gives up (a hung server is an I/O error). */
const REQUEST_TIMEOUT_MS = 30_000;

/** A flag as the server lists it. */
interface ListedFlag extends Flag {
  readonly name: string;
  readonly version: number;
  readonly override?: unknown;
}

/** The server to talk to and how. */
export interface RemoteTarget {
  /** The base URL, as given (shown in messages and `--json`). */
  readonly shown: string;
  readonly base: URL;
  readonly token: string | undefined;
  readonly context: CommandContext;
}

/** The largest token file read (a token is a line; anything bigger is not a token file). */
const TOKEN_FILE_MAX_BYTES = 64 * 1024;

/**
 * The token from `--token-file`: a regular file that neither group nor others may read or write
 * (mode 0600 or stricter, as ssh demands of a private key), holding one token on one line.
 * Messages name the file, never its content.
 */
async function tokenFromFile(file: string, context: CommandContext): Promise<string> {
  const path = resolve(context.io.cwd, file);
  const read = await readBoundedFile(path, { maxBytes: TOKEN_FILE_MAX_BYTES });
  if (!read.ok) throw new IoError(`Cannot read --token-file ${safe(file)}: ${read.failure.reason}`, path);
  if ((read.mode & 0o077) !== 0) {
    throw new UsageError(
      `--token-file ${safe(file)} is open to others (mode ${(read.mode & 0o777).toString(8).padStart(4, "0")}): a token file must be private`,
      { hint: `Run 'chmod 600 ${safe(file)}' (only its owner may read it), then run the command again.` },
    );
  }
  const token = utf8Text(read.bytes).trim();
  if (token === "" || /\s/.test(token)) {
    throw new UsageError(`--token-file ${safe(file)} must hold one token on one line`);
  }
  return token;
}

/**
 * Check `--server` (an http(s) URL without credentials in it) and find the token: `--token-file`
 * when given, else `SWITCHYARD_TOKEN`.
 */
export async function remoteTarget(
  server: string,
  context: CommandContext,
  tokenFile?: string,
): Promise<RemoteTarget> {
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw new UsageError(`Invalid --server '${safe(server)}': give a URL such as http://127.0.0.1:4100`);
  }
  if (base.protocol !== "http:" && base.protocol !== "https:") {
    throw new UsageError(`Invalid --server '${safe(server)}': only http:// and https:// are served`);
  }
  if (base.username !== "" || base.password !== "") {
    throw new UsageError("Do not put credentials in --server: use --token-file or SWITCHYARD_TOKEN instead", {
      hint: "The URL would be shown in messages and the shell's history.",
    });
  }
  if (!base.pathname.endsWith("/")) base.pathname = `${base.pathname}/`;
  const token =
    tokenFile === undefined ? context.io.env.SWITCHYARD_TOKEN : await tokenFromFile(tokenFile, context);
  const shown = `${base.origin}${base.pathname === "/" ? "" : base.pathname.replace(/\/$/, "")}`;
  return { shown, base, token: token === undefined || token === "" ? undefined : token, context };
}

/** What the server answered: a status and its JSON body (or undefined). */
interface Answer {
  readonly status: number;
  readonly body: unknown;
}

async function request(
  target: RemoteTarget,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<Answer> {
  const url = new URL(path, target.base);
  const headers: Record<string, string> = { accept: "application/json" };
  if (target.token !== undefined) headers.authorization = `Bearer ${target.token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (error as Error).name === "TimeoutError"
        ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
        : cause?.code === "ECONNREFUSED"
          ? "connection refused (is switchyard-server running there?)"
          : cause?.code === "UND_ERR_SOCKET" || cause?.code === "ECONNRESET"
            ? "the server closed the connection"
            : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new IoError(`Cannot reach ${safe(target.shown)}: ${safe(reason)}`, target.shown, { cause: error });
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed };
}

/** The server's error as a diagnostic (its code, its message), or an I/O error for 5xx. */
function failed(target: RemoteTarget, answer: Answer, data: Record<string, unknown> = {}): CommandOutcome {
  const error = (answer.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === "string" ? error.code : `http-${answer.status}`;
  const message = typeof error?.message === "string" ? error.message : `HTTP ${answer.status}`;
  if (answer.status >= 500) {
    throw new IoError(`${safe(target.shown)} answered ${answer.status}: ${safe(message)}`, target.shown, {
      ...(answer.status === 503 ? { hint: "The server's flag store is unavailable; try again." } : {}),
    });
  }
  const hints: Record<number, string> = {
    401: "Give a token the server accepts: --token-file FILE (mode 0600) or SWITCHYARD_TOKEN.",
    403: "Changes need an admin token: give one with --token-file FILE or SWITCHYARD_TOKEN.",
    412: "Someone changed the flag meanwhile; run the command again.",
    429: "Too many changes at once; wait a moment and run it again.",
  };
  // The server's own code (any of its catalogues, or `http-<status>`), so not the flags factory's:
  // a refused request is an error whatever the catalogue says of the code.
  const diagnostic: Diagnostic = {
    code,
    severity: "error",
    message: `${target.shown}: ${message}`,
    ...(hints[answer.status] ? { hint: hints[answer.status] } : {}),
  };
  const stderr = prettyDiagnostics([diagnostic], target.context, {
    stream: "stderr",
    catalogue: cliCatalogue(flagsCatalogue),
  });
  return {
    status: "invalid",
    data: { server: target.shown, status: answer.status, ...data, diagnostics: [diagnostic] },
    stderr,
  };
}

/** `GET /api/v1/features` (`?tag=`): the flags with their versions. */
export async function remoteList(
  target: RemoteTarget,
  tag: string | undefined,
): Promise<{ flags: ListedFlag[] } | { outcome: CommandOutcome }> {
  const query = tag === undefined ? "" : `?tag=${encodeURIComponent(tag)}`;
  const answer = await request(target, "GET", `api/v1/features${query}`);
  if (answer.status !== 200) return { outcome: failed(target, answer) };
  return { flags: (answer.body as { flags: ListedFlag[] }).flags };
}

/** A listed flag split into the shape the local store keeps: name, version and definition. */
export function storedOf(listed: ListedFlag): { name: string; version: number; flag: Flag } {
  const { name, override: _override, ...flag } = listed;
  return { name, version: listed.version, flag: flag as Flag };
}

/** The flag `name` from the server, or the located "no such flag" a local run gives. */
export async function remoteFlag(
  target: RemoteTarget,
  name: string,
): Promise<{ name: string; version: number; flag: Flag } | { outcome: CommandOutcome }> {
  const listed = await remoteList(target, undefined);
  if ("outcome" in listed) return listed;
  const found = listed.flags.find((f) => f.name === name);
  if (found !== undefined) return storedOf(found);
  const names = listed.flags.map((f) => f.name);
  const diagnostic = flagsDiagnostic(FLAG_CODES.flagNotFound, {
    message: `No flag '${safe(name)}' on ${target.shown}${didYouMean(suggestName(name, names))}`,
    hint: "Run 'switchyard flags list --server …' to see the flags.",
  });
  return {
    outcome: {
      status: "invalid",
      data: { server: target.shown, flag: name, diagnostics: [diagnostic] },
      stderr: prettyDiagnostics([diagnostic], target.context, {
        stream: "stderr",
        catalogue: cliCatalogue(flagsCatalogue),
      }),
    },
  };
}

/** `GET /api/v1/features/{flag}?user=…`: the server's evaluation as the library's result. */
export async function remoteEvaluate(
  target: RemoteTarget,
  name: string,
  context: EvaluationContext,
): Promise<{ result: FlagEvaluation } | { outcome: CommandOutcome }> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(context.properties ?? {})) {
    if (value !== undefined) query.append(key, String(value));
  }
  if (context.userId !== undefined) query.set("user", context.userId);
  if (context.sessionId !== undefined) query.set("session", context.sessionId);
  const search = query.size > 0 ? `?${query}` : "";
  const answer = await request(target, "GET", `api/v1/features/${encodeURIComponent(name)}${search}`);
  if (answer.status !== 200) return { outcome: failed(target, answer, { flag: name }) };
  const body = answer.body as {
    enabled: boolean;
    reason: FlagEvaluation["reason"];
    version: number;
    bucket?: number;
  };
  return {
    result: {
      value: body.enabled,
      reason: body.reason,
      version: body.version,
      ...(body.bucket === undefined ? {} : { bucket: body.bucket }),
    } as FlagEvaluation,
  };
}

/** Apply an edit through the server's route for it; the answer's data and text. */
export async function remoteChange(
  target: RemoteTarget,
  name: string,
  edit: FlagEdit,
  what: string,
): Promise<CommandOutcome> {
  const flag = encodeURIComponent(name);
  let answer: Answer;
  switch (edit.kind) {
    case "enable":
    case "disable":
      answer = await request(target, "POST", `api/v1/features/${flag}/${edit.kind}`);
      break;
    case "rollout":
      answer = await request(target, "POST", `api/v1/features/${flag}/rollout/${edit.percentage}`);
      break;
    case "list":
      answer = await request(target, "POST", `api/v1/features/${flag}/${edit.list}`, {
        ...(edit.add ? { add: edit.add } : {}),
        ...(edit.remove ? { remove: edit.remove } : {}),
      });
      break;
    default:
      throw new UsageError(`'${edit.kind}' is not a change the CLI sends to a server`);
  }
  if (answer.status !== 200 && answer.status !== 201) return failed(target, answer, { flag: name });
  const body = answer.body as { changed: boolean; version: number; previousVersion?: number };
  const data = {
    flag: name,
    changed: body.changed,
    version: body.version,
    ...(body.previousVersion === undefined ? {} : { previousVersion: body.previousVersion }),
    server: target.shown,
  };
  const stdout = body.changed
    ? `${safe(name)}: ${what} (version ${body.previousVersion} → ${body.version}) on ${safe(target.shown)}.\n`
    : `${safe(name)}: already ${what}; nothing to change.\n`;
  return { status: "ok", data, stdout };
}
