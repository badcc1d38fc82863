import { readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expect, test, vi } from "vitest";

test("the README's usage snippet runs", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const snippet = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
  expect(snippet.trim().split("\n").length).toBeLessThanOrEqual(10);
  const fixture = fileURLToPath(new URL("./fixtures/realistic", import.meta.url));
  const output = fileURLToPath(new URL(`./.readme-output-${process.pid}.yaml`, import.meta.url));
  const module = new URL(`./.readme-snippet-${process.pid}.ts`, import.meta.url);
  await writeFile(
    module,
    snippet.replaceAll("examples/config", fixture).replaceAll("/tmp/litellm-unified.yaml", output),
  );
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    await import(/* @vite-ignore */ module.href);
    expect(log.mock.calls.at(-1)).toEqual(["current"]);
  } finally {
    log.mockRestore();
    await rm(module, { force: true });
    await rm(output, { force: true });
  }
});
