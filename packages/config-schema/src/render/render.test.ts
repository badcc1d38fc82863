import { expect, test } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import * as publicApi from "../index.js";
import { renderGithub } from "./github.js";
import { renderJson } from "./json.js";
import { renderPretty } from "./pretty.js";
import { renderDiagnostics } from "./render.js";
import { renderSarif } from "./sarif.js";
import { isOutputFormat, OUTPUT_FORMATS } from "./types.js";

const diagnostics: Diagnostic[] = [
  { code: "SY1030", severity: "error", message: "Unknown key 'x'", file: "p.yaml" },
];

test("renderDiagnostics dispatches on the format", () => {
  const options = { toolVersion: "1.2.3" };
  expect(renderDiagnostics(diagnostics, "pretty", options)).toBe(renderPretty(diagnostics, options));
  expect(renderDiagnostics(diagnostics, "json", options)).toBe(renderJson(diagnostics, options));
  expect(renderDiagnostics(diagnostics, "github", options)).toBe(renderGithub(diagnostics, options));
  expect(renderDiagnostics(diagnostics, "sarif", options)).toBe(renderSarif(diagnostics, options));
});

test("an unknown format is a programming error with a clear message", () => {
  expect(() => renderDiagnostics(diagnostics, "xml" as never)).toThrow(/Unknown output format "xml"/);
  expect(OUTPUT_FORMATS).toEqual(["pretty", "json", "github", "sarif"]);
  expect(isOutputFormat("sarif")).toBe(true);
  expect(isOutputFormat("xml")).toBe(false);
});

test("the package entry point exports the renderers", () => {
  for (const name of [
    "renderDiagnostics",
    "renderPretty",
    "renderJson",
    "renderGithub",
    "renderSarif",
    "toSarif",
    "shouldUseColor",
    "collectSources",
    "isOutputFormat",
  ]) {
    expect(typeof (publicApi as Record<string, unknown>)[name], name).toBe("function");
  }
  expect(publicApi.renderDiagnostics(diagnostics, "json")).toBe(renderJson(diagnostics));
});
