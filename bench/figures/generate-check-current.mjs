// `switchyard generate --check` on a current file (exit 0).
export const checkLibrary = {
  imports: ["config-schema", "consistency", "litellm-generator"],
  async run({ "config-schema": schema, consistency, "litellm-generator": generator }, { dir }) {
    // As the CLI: the sources only, loaded once and handed to the check.
    const kinds = schema.CONFIG_FILE_KINDS.filter((kind) => kind !== "litellm");
    const set = await schema.loadConfigSet(dir, { cwd: dir, kinds });
    consistency.validateConfigSet(set, { cwd: dir });
    const checked = await generator.checkGenerated({ configDir: dir, cwd: dir, set });
    if (!checked.ok) throw new Error(JSON.stringify(checked.diagnostics.slice(0, 3)));
  },
};

export default {
  kind: "cli",
  name: "generate-check-current",
  title: "switchyard generate --check <dir> (current)",
  input: "generated",
  args: ({ dir }) => ["generate", "--check", dir],
  library: checkLibrary,
};
