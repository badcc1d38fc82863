// `switchyard migrate --auto` of the 1.0.0 equivalent of the 20k set (backs up, writes, records).
export default {
  kind: "cli",
  name: "migrate-auto",
  title: "switchyard migrate --auto --config-dir <dir> (v1 → current)",
  input: "legacy-v1",
  args: ({ dir }) => ["migrate", "--auto", "--config-dir", dir],
  library: {
    imports: ["migrations"],
    async run({ migrations }, { dir }) {
      const result = await migrations.migrateConfigSet(dir, { cwd: dir });
      if (!result.ok) throw new Error(JSON.stringify(result.diagnostics.slice(0, 3)));
    },
  },
};
