import { yamlLanguageServerComment } from "@switchyard/config-schema/schemas";
import { sha256 } from "@switchyard/config-schema/text";
import { describe, expect, test } from "vitest";
import { parseGeneratedHeader, renderHeader } from "./header.js";
import { GENERATOR_NAME, GENERATOR_VERSION, TARGET_LITELLM_VERSION } from "./version.js";

const SOURCES = "a".repeat(64);
const BODY = "\nmodel_list: []\n";

describe("generated header", () => {
  test("records generator, LiteLLM target and both hashes, and parses back", () => {
    const text = `${renderHeader(SOURCES, sha256(BODY))}${BODY}`;
    expect(text.startsWith("# AUTO-GENERATED")).toBe(true);
    expect(parseGeneratedHeader(text)).toEqual({
      header: {
        generatorName: GENERATOR_NAME,
        generatorVersion: GENERATOR_VERSION,
        litellmVersion: TARGET_LITELLM_VERSION,
        sourcesHash: SOURCES,
        bodyHash: sha256(BODY),
      },
      headerText: renderHeader(SOURCES, sha256(BODY)),
      body: BODY,
    });
  });

  test("ends with the modeline that points editors at the LiteLLM config's JSON Schema", () => {
    const lines = renderHeader(SOURCES, sha256(BODY)).trimEnd().split("\n");
    expect(lines.at(-1)).toBe(yamlLanguageServerComment("litellm"));
    expect(lines.at(-1)).toMatch(
      /^# yaml-language-server: \$schema=https:\/\/unpkg\.com\/@switchyard\/config-schema@\d+\.\d+\.\d+[^/]*\/schemas\/litellm\.schema\.json$/,
    );
  });

  test("a file without the header, or with a damaged field, has none", () => {
    expect(parseGeneratedHeader("model_list: []\n")).toBeUndefined();
    expect(parseGeneratedHeader("")).toBeUndefined();
    const damaged = renderHeader(SOURCES, sha256(BODY)).replace(
      /# body: sha256:[0-9a-f]+/,
      "# body: sha256:xyz",
    );
    expect(parseGeneratedHeader(`${damaged}${BODY}`)).toBeUndefined();
    const noSources = renderHeader(SOURCES, sha256(BODY)).replace(/# sources: .*\n/, "");
    expect(parseGeneratedHeader(`${noSources}${BODY}`)).toBeUndefined();
  });

  test("the body is everything after the leading comment lines", () => {
    const header = renderHeader(SOURCES, sha256("x"));
    expect(parseGeneratedHeader(`${header}model_list: [] # trailing\n`)?.body).toBe(
      "model_list: [] # trailing\n",
    );
    expect(parseGeneratedHeader(header.trimEnd())?.body).toBe("");
  });
});
