/** The usage text of `switchyard-server` (the CLI's `switchyard serve --help` has its own from its spec). */
export const SERVE_USAGE = `Usage: switchyard-server [options]

Serve the flag and config HTTP API: the legacy /api/v1/features API, OFREP, reports, metrics and
the admin page at /.

Options:
  --config-dir <dir>      the config directory (default ./config; env SWITCHYARD_CONFIG_DIR)
  --host <host>           address to listen on (default 127.0.0.1; env SWITCHYARD_HOST)
  --port <n>              port (default 4100, 0 picks one; env SWITCHYARD_PORT)
  --store <file|url>      file (the config dir's feature-flags.yaml) or redis://host:port (env SWITCHYARD_STORE)
  --tokens-file <file>    named admin and read tokens (YAML/JSON; env SWITCHYARD_TOKENS_FILE)
  --rate-limit <n|off>    mutations per second per caller (default 20; env SWITCHYARD_RATE_LIMIT)
  --log-level <level>     fatal, error, warn, info, debug, trace, silent (default info)
  -h, --help              this text
  -v, --version           the version

Tokens: SWITCHYARD_ADMIN_TOKEN (changes) and SWITCHYARD_READ_TOKEN (evaluation and reads, optional).
Without an admin token the server listens on a loopback address only.
`;
