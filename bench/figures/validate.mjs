// `switchyard validate` on the 20k set. Beside it, a floor: parseYaml alone on the same files, in a
// process of its own (so it warms nothing for the others), interleaved with the rest.
export default {
  kind: "cli",
  name: "validate",
  title: "switchyard validate <dir>",
  input: "sources",
  args: ({ dir }) => ["validate", dir],
  library: {
    imports: ["config-schema", "consistency"],
    async run({ "config-schema": schema, consistency }, { dir }) {
      const set = await schema.loadConfigSet(dir, { cwd: dir });
      consistency.validateConfigSet(set, { cwd: dir });
    },
  },
  baselines: {
    "parseYaml floor": {
      imports: ["config-schema"],
      async run({ "config-schema": schema }, { dir }) {
        const { readFile } = await import("node:fs/promises");
        for (const name of ["providers.yaml", "model-mappings.yaml", "ports.yaml"]) {
          schema.parseYaml(await readFile(`${dir}/${name}`, "utf8"), { file: name, maxBytes: 1 << 30 });
        }
      },
    },
  },
};
