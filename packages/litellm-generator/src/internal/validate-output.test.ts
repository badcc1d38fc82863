import { describe, expect, test } from "vitest";
import { validateOutput } from "./validate-output.js";

describe("validateOutput", () => {
  test("accepts a valid LiteLLM config and returns it as data", () => {
    const result = validateOutput(
      "model_list:\n  - model_name: a\n    litellm_params: { model: openai/a }\n",
      "out.yaml",
    );
    expect(result).toEqual({
      ok: true,
      config: { model_list: [{ model_name: "a", litellm_params: { model: "openai/a" } }] },
    });
  });

  test("refuses an invalid one with SY4004 followed by the schema's findings", () => {
    const result = validateOutput(
      "model_list:\n  - model_name: a\n    litellm_params: { model: openai/a, timeout: soon }\n",
      "out.yaml",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ code: "SY4004", file: "out.yaml" });
    expect(result.diagnostics.length).toBeGreaterThan(1);
    expect(result.diagnostics.slice(1).every((d) => d.severity === "error" && d.file === "out.yaml")).toBe(
      true,
    );
  });

  test("with the data the text was emitted from, it is not parsed again, and findings are still located", () => {
    const text =
      "model_list:\n  - model_name: a\n    litellm_params:\n      model: openai/a\n      timeout: soon\n";
    const data = {
      model_list: [{ model_name: "a", litellm_params: { model: "openai/a", timeout: "soon" } }],
    };
    const result = validateOutput(text, "out.yaml", data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ code: "SY4004" });
    // The position comes from the text (built only now, for the finding).
    expect(result.diagnostics[1]?.range?.start).toMatchObject({ line: 5, column: 16 });
    const valid = validateOutput(
      "model_list:\n  - model_name: a\n    litellm_params: { model: openai/a }\n",
      "out.yaml",
      { model_list: [{ model_name: "a", litellm_params: { model: "openai/a" } }] },
    );
    expect(valid).toEqual({
      ok: true,
      config: { model_list: [{ model_name: "a", litellm_params: { model: "openai/a" } }] },
    });
  });

  test("its own output is not held to the 16 MiB cap on files read from disk (200,000 models make 41 MB)", () => {
    const body = "model_list:\n  - model_name: a\n    litellm_params: { model: openai/a }\n";
    const text = `# ${"x".repeat(17 * 1024 * 1024)}\n${body}`;
    const config = { model_list: [{ model_name: "a", litellm_params: { model: "openai/a" } }] };
    expect(validateOutput(text, "out.yaml")).toEqual({ ok: true, config });
    expect(validateOutput(text, "out.yaml", config)).toEqual({ ok: true, config });
  });
});
