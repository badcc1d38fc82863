/**
 * The probe against iproute2's `ss -ltnpH` on every listening TCP socket of this machine, not
 * just the ones the test opens. Other engineers' tests open and close sockets meanwhile, so only
 * sockets that two ss runs around the probe agree on are compared. Needs `ss` (Debian iproute2):
 * a missing ss fails, it never skips.
 */
import { execFileSync } from "node:child_process";
import { formatIPv6, parseIPv6 } from "@switchyard/config-schema/hosts";
import { expect, test } from "vitest";
import { holdPorts } from "../../test/processes.js";
import { readListeners } from "./listeners.js";

interface Row {
  readonly address: string;
  readonly port: number;
  readonly owners: string;
}

/** `LISTEN 0 511 127.0.0.1:4000 0.0.0.0:* users:(("node",pid=1,fd=20),…)` → a row. */
function parseSs(text: string): Row[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((line) => {
      const fields = line.trim().split(/\s+/);
      const local = fields[3]!;
      const at = local.lastIndexOf(":");
      let host = local.slice(0, at).replace(/%[^\]]*$/, "");
      host = host.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
      // ss prints a dual-stack `::` as `*`, an IPv6-only one as `[::]`: /proc/net/tcp6 shows both as `::`.
      const address = host === "*" ? "::" : host.includes(":") ? formatIPv6(parseIPv6(host)!) : host;
      const users = [...line.matchAll(/\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=\d+\)/g)]
        .map((m) => `${m[1]}:${m[2]}`)
        .filter((v, i, all) => all.indexOf(v) === i)
        .sort();
      return { address, port: Number(local.slice(at + 1)), owners: users.join(" ") };
    });
}

const key = (r: Row) => `${r.address} ${r.port} ${r.owners}`;

test.skipIf(process.platform !== "linux")(
  "agrees with `ss -ltnpH` on every listening socket: address, port, pids and process names",
  async () => {
    const holder = await holdPorts("--title", "sy-agreement", "127.0.0.1/0", "::1/0", "::/0", "0.0.0.0/0");
    try {
      const ss = () => parseSs(execFileSync("ss", ["-ltnpH"], { encoding: "utf8" }));
      const before = ss();
      const snapshot = await readListeners();
      const after = ss();
      const stable = new Set(after.map(key));
      const compared = before.filter((r) => stable.has(key(r)));
      const ours = snapshot.listeners.map((l) =>
        key({
          address: l.address,
          port: l.port,
          owners: l.processes
            .map((p) => `${p.comm}:${p.pid}`)
            .sort()
            .join(" "),
        }),
      );
      const missing = compared.map(key).filter((k) => !ours.includes(k));
      expect(missing).toEqual([]);
      expect(compared.length).toBeGreaterThanOrEqual(4);
      for (const { host, port } of holder.ports) {
        const address = host === "::" ? "::" : host;
        expect(ours).toContain(`${address} ${port} sy-agreement:${holder.pid}`);
      }
    } finally {
      await holder.stop();
    }
  },
);
