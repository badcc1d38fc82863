/** Checked examples of the port codes (SY6xxx) and of the codes of held locks: see run.ts. */
import { createServer } from "node:net";
import type { CodeExample } from "./run.ts";

/** A lock record of a process on another host: never stale here, so the lock stays held. */
const FOREIGN_LOCK = '{"pid": 4242, "host": "build-server-2", "started": "2026-11-26T11:15:00.000Z"}\n';
/** The port the page shows for the one this example holds itself (the run's is free-chosen). */
const HELD_PORT = 47_011;

export const SY6_EXAMPLES: readonly CodeExample[] = [
  {
    code: "SY1050",
    what: "A generate while another machine's Switchyard holds the lock of the output file (a shared mount).",
    files: { "config/litellm-unified.yaml.lock": FOREIGN_LOCK },
    args: ["generate", "config"],
  },
  {
    code: "SY3011",
    what: "A migration while another migration of the set holds its lock.",
    files: { "legacy/.switchyard/migrate.lock": FOREIGN_LOCK },
    args: ["migrate", "legacy", "--auto"],
  },
  {
    code: "SY4111",
    what: "An output path under a file (`--out` names a directory that is a file).",
    args: ["generate", "config", "--out", "config/providers.yaml/litellm.yaml"],
  },
  {
    code: "SY6010",
    what: `A service's port held by another program (here the process that runs this example, on ${HELD_PORT}).`,
    files: {
      "stack/ports.yaml": `schema_version: "2.0.0"\nservices:\n  litellm:\n    port: ${HELD_PORT}\n    expected_processes: [litellm]\n`,
    },
    setupNote: `something listens on 127.0.0.1:${HELD_PORT}.`,
    server: { shownPort: HELD_PORT, create: () => createServer() },
    args: ["ports", "--config-dir", "stack"],
  },
  {
    code: "SY6011",
    what: "A required service that is not running (nothing listens on its port).",
    files: {
      "stack/ports.yaml":
        'schema_version: "2.0.0"\nservices:\n  litellm:\n    port: 9\n    required: true\n    expected_processes: [litellm]\n',
    },
    args: ["ports", "--config-dir", "stack"],
  },
];
