// `switchyard generate` writing the LiteLLM config into a directory that has none yet.
export const generateLibrary = {
  imports: ["config-schema", "consistency", "litellm-generator"],
  async run({ "config-schema": schema, consistency, "litellm-generator": generator }, { dir }) {
    // As the CLI: every file but the generated one, which writing compares by its header's hashes.
    const kinds = schema.CONFIG_FILE_KINDS.filter((kind) => kind !== "litellm");
    const set = await schema.loadConfigSet(dir, { cwd: dir, kinds });
    consistency.validateConfigSet(set, { cwd: dir });
    const written = await generator.writeLiteLLMConfig(set, { cwd: dir });
    if (!written.ok) throw new Error(JSON.stringify(written.diagnostics.slice(0, 3)));
  },
};

export default {
  kind: "cli",
  name: "generate-first",
  title: "switchyard generate <dir> (first write, no file yet)",
  input: "sources",
  args: ({ dir }) => ["generate", dir],
  verify(run) {
    if (!run.stdout.includes("(it did not exist)")) throw new Error(`unexpected output: ${run.stdout}`);
  },
  library: generateLibrary,
};
