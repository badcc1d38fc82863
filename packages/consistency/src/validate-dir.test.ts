import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderJson } from "@switchyard/config-schema";
import { tempDirSync } from "@switchyard/test-utils";
import { expect, test } from "vitest";
import { validateConfigDir, validationCatalogue } from "./validate-dir.js";

function dir(files: Record<string, string>): string {
  const path = tempDirSync("sy-validate-dir-");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

test("one report: sorted findings, the status, and the JSON document validate --json prints", async () => {
  const path = dir({
    "providers.yaml":
      'schema_version: "2.0.0"\nproviders:\n  ollama:\n    type: olama\n    base_url: http://127.0.0.1:11434\n    models: []\n',
    "model-mappings.yaml": 'schema_version: "2.0.0"\n',
  });
  const checked = await validateConfigDir(path, { cwd: path, toolVersion: "9.9.9" });
  expect(checked.status).toBe("invalid");
  expect(checked.dir).toBe(path);
  expect(checked.diagnostics.map((d) => d.code)).toContain("SY1033");
  expect(checked.report).toEqual(
    JSON.parse(renderJson(checked.diagnostics, { catalogue: validationCatalogue(), toolVersion: "9.9.9" })),
  );
  expect(checked.report.summary.error).toBeGreaterThan(0);
});

test("a directory that cannot be read is an io-error with SY1010, never a throw", async () => {
  const checked = await validateConfigDir(join(tmpdir(), "sy-no-such-dir-ever"));
  expect(checked.status).toBe("io-error");
  expect(checked.report.diagnostics.map((d) => d.code)).toContain("SY1010");
});
