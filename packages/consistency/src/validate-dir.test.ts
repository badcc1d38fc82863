import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderJson } from "@switchyard/config-schema/render";
import { tempDirSync } from "@switchyard/test-utils";
import { expect, test } from "vitest";
import {
  UnknownConfigFileKindError,
  validateConfigDir,
  validateConfigFile,
  validationCatalogue,
} from "./validate-dir.js";

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

const PROVIDERS =
  'schema_version: "2.0.0"\nproviders:\n  ollama:\n    type: ollama\n    base_url: http://127.0.0.1:11434\n    models:\n      - name: llama3\n';
const MAPPINGS =
  'schema_version: "2.0.0"\nexact_matches:\n  llama3:\n    provider: ollama\n    model: llama3\n';

test("an absent optional file is one info line naming the checks it skipped; a present one none", async () => {
  const path = dir({ "providers.yaml": PROVIDERS, "model-mappings.yaml": MAPPINGS });
  const checked = await validateConfigDir(path, { cwd: path });
  expect(checked.status).toBe("ok");
  const infos = checked.diagnostics.filter((d) => d.code === "SY2090");
  expect(infos.map((d) => [d.severity, d.file, d.message])).toEqual([
    [
      "info",
      "feature-flags.yaml",
      "feature-flags.yaml is absent (optional): skipped 2 checks that read it (SY2070, SY2071)",
    ],
    [
      "info",
      "ports.yaml",
      "ports.yaml is absent (optional): skipped 5 checks that read it (SY2020, SY2021, SY2022, SY2060, SY2061)",
    ],
  ]);
  expect(checked.report.diagnostics.filter((d) => d.code === "SY2090")).toHaveLength(2);
  // Present files: no line. A rule turned off is not named as skipped; all off: no line.
  writeFileSync(join(path, "feature-flags.yaml"), 'schema_version: "2.0.0"\nflags: {}\n');
  writeFileSync(
    join(path, ".switchyard.yaml"),
    'schema_version: "2.0.0"\nrules:\n  SY2020: off\n  SY2021: off\n',
  );
  const again = await validateConfigDir(path, { cwd: path });
  expect(again.diagnostics.filter((d) => d.code === "SY2090").map((d) => d.message)).toEqual([
    "ports.yaml is absent (optional): skipped 3 checks that read it (SY2022, SY2060, SY2061)",
  ]);
});

test("a single file is validated alone by its kind (name, option or modeline), with one SY2091 line", async () => {
  const path = dir({
    "providers.yaml": PROVIDERS,
    "copy.yaml": `# yaml-language-server: $schema=https://unpkg.com/@switchyard/config-schema@0.1.0/schemas/providers.schema.json\n${PROVIDERS.replace("type: ollama", "type: olama")}`,
    "plain.yaml": PROVIDERS,
  });
  const alone = await validateConfigFile(join(path, "providers.yaml"), { cwd: path });
  expect([alone.status, alone.kind]).toEqual(["ok", "providers"]);
  expect(alone.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
    ["SY2091", "info", "providers.yaml"],
  ]);
  // The modeline names the kind of a file whose name does not; its schema error is located.
  const copy = await validateConfigFile("copy.yaml", { cwd: path });
  expect([copy.status, copy.kind]).toEqual(["invalid", "providers"]);
  expect(copy.diagnostics.find((d) => d.severity === "error")).toMatchObject({
    code: "SY1033",
    file: "copy.yaml",
    range: { start: { line: 5 } },
  });
  await expect(validateConfigFile("plain.yaml", { cwd: path })).rejects.toBeInstanceOf(
    UnknownConfigFileKindError,
  );
  expect((await validateConfigFile("plain.yaml", { cwd: path, kind: "providers" })).status).toBe("ok");
  // Unreadable: an io-error with SY1010, not a throw.
  const missing = await validateConfigFile("nope.yaml", { cwd: path });
  expect([missing.status, missing.diagnostics.map((d) => d.code)]).toEqual(["io-error", ["SY1010"]]);
});
