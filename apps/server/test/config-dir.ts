import { cpSync } from "node:fs";
import { tempDirSync } from "@switchyard/test-utils";

/** The repository's examples/config (a real, valid config directory), copied to a temp directory. */
export function exampleConfigDir(): string {
  const dir = tempDirSync("sy-server-config-");
  cpSync(new URL("../../../examples/config", import.meta.url), dir, { recursive: true });
  return dir;
}
