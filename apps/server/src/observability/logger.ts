import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";

/**
 * The server's structured JSON logger (pino): one line per event, ISO times, the service name.
 * Request headers are never logged; the redaction below is a second guard in case a caller logs a
 * request object: tokens never reach a log line.
 */
export function createLogger(
  options: { readonly level?: string; readonly destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "switchyard-server" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          "req.headers.authorization",
          'req.headers["x-api-key"]',
          "headers.authorization",
          'headers["x-api-key"]',
          "token",
        ],
        censor: "[redacted]",
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
