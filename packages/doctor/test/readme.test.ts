import { runReadmeSnippet } from "@switchyard/test-utils";
import { afterEach, expect, test, vi } from "vitest";
import { type ExampleStack, startExampleStack } from "./example-stack.mjs";

let stack: ExampleStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function runSnippet(configDir: string): Promise<{ lines: unknown[][]; exitCode: unknown }> {
  const run = await runReadmeSnippet(new URL("../README.md", import.meta.url), {
    '"examples/config"': JSON.stringify(configDir),
  });
  return { lines: run.logs, exitCode: run.exitCode };
}

test.skipIf(process.platform !== "linux")(
  "the README's snippet: green against stand-ins of the example stack, exit code 1 with Ollama stopped",
  async () => {
    stack = await startExampleStack();
    for (const [name, value] of Object.entries(stack.env)) vi.stubEnv(name, value);
    try {
      const green = await runSnippet(stack.configDir);
      expect(green.exitCode).toBe(0);
      const ids = green.lines.map((l) => l[1]);
      expect(ids).toEqual(expect.arrayContaining(["yaml", "ports", "provider:ollama", "gateway", "redis"]));
      for (const [status, , reason, , time] of green.lines) {
        expect(["pass", "warn"]).toContain(status);
        expect(reason).toMatch(/\S/);
        expect(time).toMatch(/^\d+ ms$/);
      }
      await stack.stop();
      stack = await startExampleStack({ without: ["ollama"] });
      for (const [name, value] of Object.entries(stack.env)) vi.stubEnv(name, value);
      const red = await runSnippet(stack.configDir);
      expect(red.exitCode).toBe(1);
      const ollama = red.lines.find((l) => l[1] === "provider:ollama")!;
      expect(ollama[0]).toBe("fail");
      expect(ollama[3]).toMatch(/ollama serve/);
    } finally {
      vi.unstubAllEnvs();
    }
  },
);
