import type { CommandSpec } from "../../command.js";
import { configDirOption, jsonOption } from "../../options.js";

/** `switchyard ports`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "ports",
  summary: "Show who holds each service's port; suggest free ports; print the start order.",
  description:
    "For every service of ports.yaml, reads the sockets of this machine (/proc/net/tcp and tcp6, owners from /proc/<pid>/fd; lsof where there is no /proc) and says whether its port is AVAILABLE, RUNNING (held by one of its expected_processes), CONFLICT (held by something else: which process, pid and user) or UNKNOWN (held, owner unreadable, with why). Exits 1 on any CONFLICT or a required service that is not RUNNING. 'suggest <service>' lists the nearest free ports (each checked by binding it just now: a hint that can race); 'order' prints the start order from depends_on, in waves, and any cycle with its path.",
  positionals: [
    { name: "action", description: "suggest or order (default: the port states)." },
    { name: "service", description: "suggest: the service to find a port for." },
    {
      name: "dir",
      description:
        "Config directory, last (after the action and suggest's service); the same as --config-dir: 'ports examples/config'.",
    },
  ],
  options: {
    "config-dir": configDirOption("Config directory holding ports.yaml."),
    required: { type: "boolean", description: "Only the services marked required: true." },
    count: {
      type: "string",
      valueName: "n",
      description: "suggest: how many ports to suggest.",
      defaultText: "3",
    },
    json: jsonOption(),
  },
  examples: [
    { command: "switchyard ports", description: "Every service's port state" },
    { command: "switchyard ports --required --json", description: "The essential ones, for a script" },
    { command: "switchyard ports suggest vllm", description: "Free ports near vLLM's" },
    { command: "switchyard ports order", description: "What to start first" },
    { command: "switchyard ports infra/config", description: "The port states of another config directory" },
  ],
  load: () => import("./run.js"),
};
