import type { CommandSpec } from "../../command.js";
import { configDirOption, jsonOption } from "../../options.js";

/** `switchyard serve`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "serve",
  summary: "Run the flag and config HTTP API (switchyard-server) on a config directory.",
  description:
    "Starts the same server as switchyard-server: the legacy /api/v1/features API, OFREP, the config reports, /health, /ready, /metrics and the admin page, on the config directory's feature-flags.yaml (or Redis with --store). Tokens come from the environment: SWITCHYARD_ADMIN_TOKEN (changes), SWITCHYARD_READ_TOKEN (reads, optional) or --tokens-file; without an admin token it listens on a loopback address only. Logs are JSON lines on stdout. SIGINT or SIGTERM stops it gracefully: no new connections, the requests in flight are answered, the store is closed. Exit codes: 0 stopped by a signal; 2 refused to start (a bad option, a config directory given that cannot be read, a bad tokens file, a non-loopback host without an admin token, an address that cannot be listened on); 70 an internal error.",
  positionals: [{ name: "dir", description: "Config directory; the same as --config-dir." }],
  options: {
    "config-dir": configDirOption("Config directory holding feature-flags.yaml (env SWITCHYARD_CONFIG_DIR)."),
    host: {
      type: "string",
      valueName: "host",
      description: "Address to listen on (env SWITCHYARD_HOST).",
      defaultText: "127.0.0.1",
    },
    port: {
      type: "string",
      short: "p",
      valueName: "n",
      description: "Port; 0 picks a free one (env SWITCHYARD_PORT).",
      defaultText: "4100",
    },
    store: {
      type: "string",
      valueName: "file|url",
      description:
        "file (the config directory's feature-flags.yaml) or redis://host:port (env SWITCHYARD_STORE).",
      defaultText: "file",
    },
    "tokens-file": {
      type: "string",
      valueName: "file",
      description: "Named admin and read tokens, YAML or JSON (env SWITCHYARD_TOKENS_FILE).",
    },
    "rate-limit": {
      type: "string",
      valueName: "n|off",
      description: "Changes per second per caller (env SWITCHYARD_RATE_LIMIT).",
      defaultText: "20",
    },
    "log-level": {
      type: "string",
      valueName: "level",
      choices: ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
      description: "fatal … trace, or silent; debug logs every request (env SWITCHYARD_LOG_LEVEL).",
      defaultText: "info",
    },
    json: jsonOption(
      "Print one JSON line when listening ({event, url, …}) instead of the human line, and the final result as JSON.",
    ),
  },
  examples: [
    {
      command: "SWITCHYARD_ADMIN_TOKEN=$(openssl rand -hex 24) switchyard serve ./config --port 4100",
      description: "Serve ./config's flags on 127.0.0.1:4100",
    },
    {
      command: "switchyard serve --port 0 --json | head -1 | jq -r .url",
      description: "Start on a free port and read where (for a script)",
    },
  ],
  load: () => import("./run.js"),
};
