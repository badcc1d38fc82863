import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { afterEach, expect, test } from "vitest";
import { loadConfigSet } from "../load.js";
import { collectSources } from "./collect-sources.js";
import { renderPretty } from "./pretty.js";

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

test("collectSources maps each loaded file's display path to its text, so frames appear", async () => {
  dir = await tempDir("switchyard-render-");
  const providers =
    'schema_version: "2.0.0"\nproviders:\n  ollama:\n    type: ollama\n    base_ur: http://127.0.0.1:11434\n    models: []\n';
  await writeFile(join(dir, "providers.yaml"), providers);
  await writeFile(join(dir, "ports.yaml"), 'schema_version: "2.0.0"\n');
  await writeFile(join(dir, "feature-flags.yaml"), new Uint8Array([0x66, 0x3a, 0x20, 0xff, 0x0a]));
  const set = await loadConfigSet(dir, { cwd: dir });

  const sources = collectSources(set);
  expect(sources.get("providers.yaml")).toBe(providers);
  expect(sources.get("ports.yaml")).toBe('schema_version: "2.0.0"\n');
  // Undecodable text is kept as a lossy decoding, so the frame can show the line of the bad byte.
  expect(sources.get("feature-flags.yaml")).toContain("\uFFFD");
  expect(
    [...sources.keys()].every((key) => set.diagnostics.some((d) => d.file === key) || key === "ports.yaml"),
  ).toBe(true);

  const unknownKey = set.diagnostics.filter((d) => d.code === "SY1030");
  expect(renderPretty(unknownKey, { sources })).toContain(
    "> 5 |     base_ur: http://127.0.0.1:11434\n    |     ^^^^^^^\n",
  );
});
