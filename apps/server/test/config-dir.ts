import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The repository's examples/config (a real, valid config directory), copied to a temp directory. */
export function exampleConfigDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sy-server-config-"));
  cpSync(new URL("../../../examples/config", import.meta.url), dir, { recursive: true });
  return dir;
}
