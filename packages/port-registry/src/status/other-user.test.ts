/**
 * A port held under another user, read by a third user: the owner is unreadable, which is
 * UNKNOWN, never free. The holder runs as `nobody` (through setpriv); this test file's own worker
 * process (vitest's forks pool runs every test file in a fresh child process) then drops from root
 * to `daemon` for good, so it reads /proc as an unprivileged user would. Needs root to start the
 * two users' processes: in CI that is a failure when missing, never a skip.
 */
import { execFileSync } from "node:child_process";
import { expect, test } from "vitest";
import { holdPortsAs } from "../../test/processes.js";
import { readListeners } from "../live/listeners.js";
import { checkPorts } from "./service-status.js";

const linux = process.platform === "linux";
const root = process.getuid?.() === 0;

test.skipIf(!linux || (!root && process.env.CI === undefined))(
  "a port held by nobody, seen as root then as daemon: CONFLICT with the owner named, then UNKNOWN with why",
  async () => {
    if (!root)
      throw new Error("this test starts processes as other users: run the suite as root (as CI does)");
    execFileSync("setpriv", ["--version"]); // a missing util-linux fails here, loudly
    const holder = await holdPortsAs("nobody", "nogroup", "127.0.0.1/0");
    const port = holder.ports[0]!.port;
    const ports = {
      schema_version: "2.0.0",
      services: { ollama: { port, expected_processes: ["ollama"], required: true } },
    };
    try {
      const asRoot = await checkPorts(ports);
      expect(asRoot.services[0]).toMatchObject({ state: "CONFLICT" });
      expect(asRoot.services[0]!.holders[0]).toMatchObject({ uid: 65534, user: "nobody", owner: "known" });

      process.setgroups?.([1]);
      process.setgid?.(1);
      process.setuid?.(1);
      expect(process.getuid?.()).toBe(1);

      const snapshot = await readListeners({ ports: [port] });
      const socket = snapshot.listeners.find((l) => l.port === port);
      expect(socket).toMatchObject({ owner: "unreadable", uid: 65534, user: "nobody", processes: [] });
      expect(socket!.ownerReason).toMatch(
        /^held by uid 65534 \(nobody\); the descriptors of \d+ process(es)? are not readable as uid 1 \(daemon\) \(permission denied\): run as root or as that user to see who$/,
      );

      const asDaemon = await checkPorts(ports);
      expect(asDaemon.services[0]).toMatchObject({ state: "UNKNOWN", code: "SY6012" });
      // Other processes come and go between two scans: the count may differ, the words may not.
      expect(asDaemon.services[0]!.reason).toMatch(
        new RegExp(
          `^127\\.0\\.0\\.1:${port} is in use: held by uid 65534 \\(nobody\\); the descriptors of \\d+ process(es)? are not readable as uid 1 \\(daemon\\)`,
        ),
      );
      expect(asDaemon.services[0]!.hint).toContain("Run as root");
      // Unknown is not running: a required service in that state still fails the check.
      expect(asDaemon.failures.map((f) => f.code)).toEqual(["SY6011"]);
    } finally {
      await holder.stop();
    }
  },
);
