// `switchyard backup list` with 500 backups of the generated file.
export default {
  kind: "cli",
  name: "backup-list",
  title: "switchyard backup list --config-dir <dir> (500 backups)",
  input: "backups",
  args: ({ dir }) => ["backup", "list", "--config-dir", dir],
  verify(run) {
    if (!/\n(500|5000) backups;/.test(run.stdout))
      throw new Error(`unexpected output: ${run.stdout.slice(-500)}`);
  },
  library: {
    imports: ["config-schema"],
    async run({ "config-schema": schema }, { dir }) {
      await schema.pruneBackups(`${dir}/litellm-unified.yaml`, schema.DEFAULT_RETENTION, { dryRun: true });
    },
  },
};
