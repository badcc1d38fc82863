/**
 * SY4002 and consistency's SY2001 say the same thing ("a route names a provider providers.yaml does
 * not declare"). SY2001 is the finding; SY4002 is only the generator's guard, reported where SY2001
 * cannot stop generation: a set handed to the generator without the config-directory check, or a
 * set whose SY2001 is suppressed or turned off in .switchyard.yaml (a route to a provider that does
 * not exist still cannot be generated).
 */
import { validateConfigDir } from "@switchyard/consistency";
import { describe, expect, test } from "vitest";
import { configDir, yaml } from "../test/helpers.js";
import { generateLiteLLMConfig } from "./generate.js";

const PROVIDERS = yaml`
  schema_version: "2.0.0"
  providers:
    ollama:
      type: ollama
      base_url: http://127.0.0.1:11434
      models: [{ name: "llama3.1:8b" }]
`;

function mappings(comment = ""): string {
  return `schema_version: "2.0.0"\nexact_matches:\n  llama3:\n    provider: olama${comment}\n    model: "llama3.1:8b"\n`;
}

async function checkThenGenerate(files: Record<string, string>) {
  const dir = await configDir({ "providers.yaml": PROVIDERS, ...files });
  const checked = await validateConfigDir(dir, { cwd: dir });
  const result = checked.blocking.length > 0 ? undefined : generateLiteLLMConfig(checked.set);
  // What the generator refused with (`[]` when it generated; `undefined` when the check blocked it).
  const generated =
    result === undefined ? undefined : { ok: result.ok, diagnostics: result.ok ? [] : result.diagnostics };
  return { checked, generated };
}

describe("SY4002 fires only where SY2001 cannot", () => {
  test("through the config-directory check, SY2001 blocks first and SY4002 is never reached", async () => {
    const { checked, generated } = await checkThenGenerate({ "model-mappings.yaml": mappings() });
    expect(checked.blocking.map((d) => d.code)).toEqual(["SY2001"]);
    expect(generated).toBeUndefined();
  });

  test("SY2001 suppressed with a reason: the check passes, the generator still refuses with SY4002", async () => {
    const { checked, generated } = await checkThenGenerate({
      "model-mappings.yaml": mappings("  # switchyard-ignore SY2001: added by the deploy overlay"),
    });
    expect(checked.blocking).toEqual([]);
    expect(generated?.ok).toBe(false);
    expect(generated?.diagnostics.map((d) => [d.code, d.suggestion])).toEqual([["SY4002", "ollama"]]);
  });

  test("SY2001 turned off in .switchyard.yaml: the generator still refuses with SY4002", async () => {
    const { checked, generated } = await checkThenGenerate({
      "model-mappings.yaml": mappings(),
      ".switchyard.yaml": "rules:\n  SY2001: off\n",
    });
    expect(checked.diagnostics.map((d) => d.code)).not.toContain("SY2001");
    expect(generated?.diagnostics.map((d) => d.code)).toEqual(["SY4002"]);
  });
});
