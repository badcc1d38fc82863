// Every figure of `pnpm bench`, in the order they run. To add one: write a file beside this one
// (a CLI figure: see cli-figure.mjs for its fields; anything else: `{ kind: "custom", name, title,
// run({ quick }) }` calling report() from lib.mjs) and add its file name here.
export default [
  "cli-start.mjs",
  "validate.mjs",
  "generate-first.mjs",
  "generate-rewrite.mjs",
  "generate-check-current.mjs",
  "generate-check-stale.mjs",
  "audit.mjs",
  "migrate.mjs",
  "backup-list.mjs",
  "rules.mjs",
  "flags.mjs",
  "reload.mjs",
  "ports.mjs",
  "server.mjs",
  "packages.mjs",
  "build.mjs",
  "first-command.mjs",
];
