import { readFile } from "node:fs/promises";
import { mergeConfig, type Plugin } from "vitest/config";
import { packageTestConfig } from "../../vitest.shared.ts";

/** Imports `*.yaml` as its text, as esbuild's text loader does in the build. */
function yamlAsText(): Plugin {
  return {
    name: "switchyard-yaml-as-text",
    enforce: "pre",
    async load(id) {
      if (!id.endsWith(".yaml")) return null;
      return `export default ${JSON.stringify(await readFile(id, "utf8"))};`;
    },
  };
}

export default mergeConfig(packageTestConfig(), { plugins: [yamlAsText()] });
