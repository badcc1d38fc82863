/** Checked examples of the cross-file codes that are not findings of one rule (SY209x): see run.ts. */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { CodeExample } from "./run.ts";

export const SY2_EXAMPLES: readonly CodeExample[] = [
  {
    code: "SY2090",
    what: "A set without the optional `ports.yaml`: the checks that read it are skipped, and the line says which.",
    setupNote: "`config/ports.yaml` is deleted.",
    setup: async (cwd) => {
      await rm(join(cwd, "config/ports.yaml"));
    },
  },
  {
    code: "SY2091",
    what: "One file validated on its own: its schema is checked, the cross-file checks need the directory.",
    args: ["validate", "config/providers.yaml"],
  },
];
