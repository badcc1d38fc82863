// `switchyard generate` after a one-line source edit: the file is rewritten (and backed up).
import { generateLibrary } from "./generate-first.mjs";

export default {
  kind: "cli",
  name: "generate-rewrite",
  title: "switchyard generate <dir> (rewrite after a one-line source edit)",
  input: "edited",
  args: ({ dir }) => ["generate", dir],
  verify(run) {
    if (!run.stdout.includes("(the sources changed since it was generated)"))
      throw new Error(`unexpected output: ${run.stdout}`);
  },
  library: generateLibrary,
};
