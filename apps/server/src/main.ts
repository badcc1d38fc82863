import { createServer } from "./server.js";

const port = Number(process.env.SWITCHYARD_PORT ?? 4100);
const host = process.env.SWITCHYARD_HOST ?? "127.0.0.1";
const configDir = process.env.SWITCHYARD_CONFIG_DIR ?? "config";

createServer({ configDir }).listen(port, host, () => {
  process.stdout.write(`switchyard server listening on http://${host}:${port} (config: ${configDir})\n`);
});
