import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { runReadmeSnippet } from "@switchyard/test-utils";
import { expect, test } from "vitest";

test("the README's usage snippet runs", async () => {
  const fixture = fileURLToPath(new URL("./fixtures/realistic", import.meta.url));
  const output = fileURLToPath(new URL(`./.readme-output-${process.pid}.yaml`, import.meta.url));
  try {
    const { logs, code } = await runReadmeSnippet(new URL("../README.md", import.meta.url), {
      "examples/config": fixture,
      "/tmp/litellm-unified.yaml": output,
    });
    expect(code.trim().split("\n").length).toBeLessThanOrEqual(10);
    expect(logs.at(-1)).toEqual(["current"]);
  } finally {
    await rm(output, { force: true });
  }
});
