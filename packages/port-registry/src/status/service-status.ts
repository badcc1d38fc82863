import { bindsOverlap, formatHostPort, type Host, parseHost } from "@switchyard/config-schema/hosts";
import type { PortsFile, Service } from "@switchyard/config-schema/schemas";
import type { PortsCode } from "../catalogue.js";
import {
  type Listener,
  type ListenerSnapshot,
  type ReadListenersOptions,
  readListeners,
} from "../live/listeners.js";
import type { Protocol } from "../live/proc-net.js";
import type { ProcessInfo } from "../live/proc-owners.js";
import { type BindResult, probeBind } from "./bind-probe.js";
import { matchExpectedProcess } from "./expected-process.js";

/**
 * The state of a registered service's port: `AVAILABLE` (free), `RUNNING` (held by one of its
 * `expected_processes`), `CONFLICT` (held by something else) or `UNKNOWN` (held, owner unreadable,
 * or no way to tell).
 */
export type PortState = "AVAILABLE" | "RUNNING" | "CONFLICT" | "UNKNOWN";

/** Every state, in the order reports count them. */
export const PORT_STATES: readonly PortState[] = ["AVAILABLE", "RUNNING", "CONFLICT", "UNKNOWN"];

/** A process holding a service's port, and the expected name it matched. */
export interface HoldingProcess extends ProcessInfo {
  /** The `expected_processes` entry it matched, if any. */
  readonly matched?: string;
}

/** A socket on a service's port. */
export interface PortHolder extends Omit<Listener, "processes"> {
  readonly processes: readonly HoldingProcess[];
}

/** One service of ports.yaml against the live sockets. */
export interface ServiceStatus {
  readonly service: string;
  /** The bind host as registered (default `127.0.0.1`). */
  readonly host: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly required: boolean;
  readonly expectedProcesses: readonly string[];
  readonly state: PortState;
  /** One line: who holds it, or why it is free or unknown. */
  readonly reason: string;
  /** SY6010 (conflict), SY6011 (required, not running), SY6012 (owner unknown) when one applies. */
  readonly code?: PortsCode;
  /** What to do about it, when something is wrong. */
  readonly hint?: string;
  /** Sockets whose bind overlaps the service's (those decide the state). */
  readonly holders: readonly PortHolder[];
  /** Sockets on the same port at addresses that do not overlap (worth knowing, not holding it). */
  readonly elsewhere: readonly PortHolder[];
}

function describeProcess(process: ProcessInfo): string {
  return `${process.comm || process.cmdline[0] || "?"} (pid ${process.pid})`;
}

function describeHolder(holder: PortHolder): string {
  const who = holder.processes.map(describeProcess).join(", ");
  const user = holder.user ?? (holder.uid === undefined ? undefined : `uid ${holder.uid}`);
  return `${who}${user === undefined ? "" : ` as ${user}`} on ${formatHostPort(holder.address, holder.port)}`;
}

function holderOf(listener: Listener, expected: readonly string[]): PortHolder {
  return {
    ...listener,
    processes: listener.processes.map((p) => {
      const matched = matchExpectedProcess(p, expected);
      return matched === undefined ? p : { ...p, matched };
    }),
  };
}

function conflictHint(holder: PortHolder, id: string, expected: readonly string[]): string {
  if (holder.processes.some((p) => p.comm === "docker-proxy"))
    return `docker-proxy publishes a container's port there: if that container is '${id}', add docker-proxy to its expected_processes; else stop the container or move '${id}' to another port (switchyard ports suggest ${id}).`;
  const names = holder.processes.map((p) => p.comm).filter((c) => c !== "");
  return `Stop ${names.length > 0 ? names.join(", ") : "that process"}, or move '${id}' to a free port (switchyard ports suggest ${id})${expected.length > 0 ? `, or add the process to expected_processes if it is '${id}'` : ""}.`;
}

/** Options of {@link classifyService}. */
export interface ClassifyOptions {
  /** The snapshot's source: with lsof or none, a free-looking port is confirmed by {@link bind}. */
  readonly source: ListenerSnapshot["source"];
  /** The result of binding the service's address, for sources that cannot see every socket. */
  readonly bind?: BindResult;
}

/**
 * The state of one service against the listeners on its port (the caller passes those on the
 * same port and protocol; overlap is decided here by config-schema's host model).
 */
export function classifyService(
  id: string,
  service: Service,
  onPort: readonly Listener[],
  options: ClassifyOptions,
): ServiceStatus {
  const host = service.host ?? "127.0.0.1";
  const parsed: Host = parseHost(host);
  const expected = service.expected_processes ?? [];
  const holders: PortHolder[] = [];
  const elsewhere: PortHolder[] = [];
  for (const listener of onPort) {
    (bindsOverlap(parsed, listener.address) ? holders : elsewhere).push(holderOf(listener, expected));
  }
  const base = {
    service: id,
    host,
    port: service.port,
    protocol: service.protocol ?? "tcp",
    required: service.required === true,
    expectedProcesses: expected,
    holders,
    elsewhere,
  } as const;
  const where = formatHostPort(parsed, service.port);

  if (holders.length === 0) {
    const aside =
      elsewhere.length > 0
        ? `; note: ${elsewhere.map(describeHolder).join("; ")}, which does not overlap`
        : "";
    if (options.source === "proc" || options.bind === undefined) {
      if (options.source === "none" && options.bind === undefined)
        return {
          ...base,
          state: "UNKNOWN",
          code: "SY6012",
          reason: `cannot tell whether ${where} is free: no /proc and no lsof`,
        };
      return { ...base, state: "AVAILABLE", reason: `free: nothing listens on ${where}${aside}` };
    }
    const bind = options.bind;
    if (bind.result === "free")
      return {
        ...base,
        state: "AVAILABLE",
        reason: `free: a bind on ${formatHostPort(bind.address, service.port)} succeeded${aside}`,
      };
    if (bind.result === "in-use")
      return {
        ...base,
        state: "UNKNOWN",
        code: "SY6012",
        reason: `in use (a bind on ${formatHostPort(bind.address, service.port)} fails), but ${options.source === "lsof" ? "lsof shows no process holding it" : "nothing here can say who holds it"}`,
        hint: "Run as root to see every process's sockets.",
      };
    return {
      ...base,
      state: "UNKNOWN",
      code: "SY6012",
      reason: `cannot tell whether ${where} is free: ${bind.reason}`,
    };
  }

  const known = holders.filter((h) => h.owner === "known" && h.processes.length > 0);
  const matches = (h: PortHolder) => h.processes.some((p) => p.matched !== undefined);
  if (expected.length === 0 && known.length > 0) {
    return {
      ...base,
      state: "RUNNING",
      reason: `held by ${known.map(describeHolder).join("; ")} (no expected_processes to check it against)`,
    };
  }
  const mismatched = known.find((h) => !matches(h));
  if (mismatched) {
    return {
      ...base,
      state: "CONFLICT",
      code: "SY6010",
      reason: `held by ${describeHolder(mismatched)}, expected ${expected.join(" or ")}`,
      hint: conflictHint(mismatched, id, expected),
    };
  }
  const running = known.filter(matches);
  if (running.length > 0) {
    const other = holders.find((h) => !known.includes(h));
    return {
      ...base,
      state: "RUNNING",
      reason: `held by ${running.map(describeHolder).join("; ")}${other ? `; ${formatHostPort(other.address, other.port)} is also held (${other.ownerReason ?? "owner unknown"})` : ""}`,
    };
  }
  const first = holders[0]!;
  return {
    ...base,
    state: "UNKNOWN",
    code: "SY6012",
    reason: `${where} is in use${formatHostPort(first.address, first.port) === where ? "" : ` (on ${formatHostPort(first.address, first.port)})`}: ${first.ownerReason ?? "owner unknown"}`,
    hint:
      first.owner === "unreadable"
        ? "Run as root (sudo switchyard ports) or as the socket's user to see its process."
        : "If a container publishes it, check `docker ps`; otherwise run again.",
  };
}

/** Options of {@link checkPorts}. */
export interface CheckPortsOptions extends Omit<ReadListenersOptions, "ports" | "protocols"> {
  /** Only the services marked `required: true`. */
  readonly requiredOnly?: boolean;
  /** A snapshot to classify instead of reading the machine (tests, benchmarks). */
  readonly snapshot?: ListenerSnapshot;
}

/** Every registered service's port state, and whether the stack may deploy. */
export interface PortsReport {
  readonly source: ListenerSnapshot["source"];
  readonly sourceDetail: string;
  readonly services: readonly ServiceStatus[];
  readonly counts: Readonly<Record<PortState, number>>;
  /** False on any CONFLICT, or a required service that is not RUNNING. */
  readonly ok: boolean;
  /** The services that make it not ok, with why. */
  readonly failures: readonly {
    readonly service: string;
    readonly code: Extract<PortsCode, "SY6010" | "SY6011">;
    readonly reason: string;
  }[];
}

/**
 * Check every service of ports.yaml against the sockets of this machine: one read of
 * `/proc/net/*` (owners looked up only for the registered ports), or one lsof run confirmed by bind
 * probes. Exits nothing, prints nothing; never throws.
 */
export async function checkPorts(ports: PortsFile, options: CheckPortsOptions = {}): Promise<PortsReport> {
  const entries = Object.entries(ports.services).filter(
    ([, s]) => options.requiredOnly !== true || s.required === true,
  );
  const protocols = [...new Set(entries.map(([, s]) => s.protocol ?? "tcp"))];
  const snapshot =
    options.snapshot ??
    (await readListeners({
      ...options,
      protocols: protocols.length > 0 ? protocols : ["tcp"],
      ports: entries.map(([, s]) => s.port),
    }));
  const byPort = new Map<string, Listener[]>();
  for (const listener of snapshot.listeners) {
    const key = `${listener.protocol}/${listener.port}`;
    const list = byPort.get(key);
    if (list) list.push(listener);
    else byPort.set(key, [listener]);
  }
  const services = await Promise.all(
    entries.map(async ([id, service]) => {
      const onPort = byPort.get(`${service.protocol ?? "tcp"}/${service.port}`) ?? [];
      let bind: BindResult | undefined;
      if (
        snapshot.source !== "proc" &&
        !onPort.some((l) => bindsOverlap(service.host ?? "127.0.0.1", l.address))
      ) {
        const host = parseHost(service.host ?? "127.0.0.1");
        const address =
          host.kind === "wildcard"
            ? host.family === 4
              ? "0.0.0.0"
              : "::"
            : host.kind === "loopback" && host.family === undefined
              ? "127.0.0.1"
              : host.key;
        bind = await probeBind(address, service.port, service.protocol ?? "tcp");
      }
      return classifyService(id, service, onPort, { source: snapshot.source, ...(bind ? { bind } : {}) });
    }),
  );
  const counts = { AVAILABLE: 0, RUNNING: 0, CONFLICT: 0, UNKNOWN: 0 };
  const failures: PortsReport["failures"][number][] = [];
  for (const status of services) {
    counts[status.state]++;
    if (status.state === "CONFLICT")
      failures.push({ service: status.service, code: "SY6010", reason: status.reason });
    else if (status.required && status.state !== "RUNNING")
      failures.push({
        service: status.service,
        code: "SY6011",
        reason: `required, but ${status.state === "AVAILABLE" ? "nothing listens on its port" : status.reason}`,
      });
  }
  return {
    source: snapshot.source,
    sourceDetail: snapshot.detail,
    // A required service that is free gets SY6011 and how to fix it; one in another state keeps
    // that state's code.
    services: services.map((s) =>
      s.required && s.state === "AVAILABLE"
        ? {
            ...s,
            code: "SY6011" as const,
            hint:
              s.hint ??
              `Start '${s.service}' (its unit, container or command); it listens on ${s.host}:${s.port}.`,
          }
        : s,
    ),
    counts,
    ok: failures.length === 0,
    failures,
  };
}
