import { displayPath } from "@switchyard/config-schema/fs";
import { defineCheck, ran } from "../define.js";

/** SY5201: the config directory is not in a git work tree, or some config files are not tracked. */
export const notVersionControlled = defineCheck({
  id: "SY5201",
  name: "not-version-controlled",
  category: "compliance",
  severity: "medium",
  title: "The configuration is not under version control.",
  cause:
    "Neither the config directory nor any parent holds a `.git`, or git does not track some of the config files. Without history nobody can say who changed a route or a key reference, when, or why, and a bad change cannot be reverted by diff. (Detected locally: a walk up for `.git`, then `git ls-files`; no network.)",
  fix: "Keep the config directory in a git repository (`git init`, or move it into the repository that deploys the stack) and commit every config file. Keep secrets out of it: they belong in the environment.",
  run(context) {
    const vcs = context.facts.vcs;
    if (vcs.status === "tracked") return ran([]);
    if (vcs.status === "none") {
      return ran([
        {
          message: `${displayPath(context.set.dir, context.cwd)} is not inside a git repository`,
          discriminator: "no-repository",
        },
      ]);
    }
    return ran(
      vcs.files.map((file) => ({
        file,
        message: `Not tracked by git (repository at ${displayPath(vcs.root, context.cwd)})`,
        remediation: `Commit it: \`git add ${file}\`, or remove it from .gitignore if it is ignored by mistake.`,
      })),
    );
  },
});
