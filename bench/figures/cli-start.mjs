// CLI start (issue #18): each command's whole process against `node -e 0`, and what each loads
// (bench/cli-start.mjs).
import { cliStart } from "../cli-start.mjs";

export default {
  kind: "custom",
  name: "cli-start",
  title: "CLI start (issue #18)",
  run({ quick }) {
    cliStart({ runs: quick ? 5 : 15 });
  },
};
