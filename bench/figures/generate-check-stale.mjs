// `switchyard generate --check` after a one-line source edit: exit 1, and the diff is shown.
import { checkLibrary } from "./generate-check-current.mjs";

export default {
  kind: "cli",
  name: "generate-check-stale",
  title: "switchyard generate --check <dir> (stale: prints the diff)",
  input: "edited",
  args: ({ dir }) => ["generate", "--check", dir],
  exit: [1],
  verify(run) {
    if (!/^-\s+api_base: http:\/\/gpu-00007\.internal:8001\/v1$/m.test(run.stdout))
      throw new Error(`the diff is not in the output:\n${run.stdout.slice(0, 2000)}`);
  },
  library: checkLibrary,
};
