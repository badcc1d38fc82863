import { describe, expect, it } from "vitest";
import { runCli } from "./test-support/run.js";

describe("explain covers every package's catalogue", () => {
  it.each([
    ["SY1030", "unknown-key"],
    ["SY2003", "unknown-model"],
    ["SY3001", "newer-schema-version"],
    ["SY4102", "sources-changed"],
    ["SY5101", "known-format-secret"],
    ["SY6010", "port-conflict"],
  ])("explains %s (%s), by code or by name", async (code, name) => {
    const { code: exit, stdout } = await runCli(["explain", code]);
    expect(exit).toBe(0);
    expect(stdout).toMatch(new RegExp(`^${code} [a-z0-9-]+ \\((error|warning|info)\\)\\n`));
    expect(stdout).toContain("\nCause\n");
    expect(stdout).toContain("\nFix\n");
    expect((await runCli(["explain", name])).stdout).toBe(stdout);
  });

  it("--list holds the codes of every package", async () => {
    const { stdout } = await runCli(["explain", "--list"]);
    for (const code of ["SY1001", "SY2001", "SY3001", "SY4001", "SY5001", "SY6010"])
      expect(stdout).toMatch(new RegExp(`^${code} `, "m"));
  });

  it("a name two packages share prints every entry that has it", async () => {
    const { code, stdout } = await runCli(["explain", "unknown-provider"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^SY2001 unknown-provider /m);
    expect(stdout).toMatch(/^SY4002 unknown-provider /m);
    const entries = JSON.parse((await runCli(["explain", "unknown-provider", "--json"])).stdout) as {
      code: string;
    }[];
    expect(entries.map((e) => e.code)).toEqual(["SY2001", "SY4002"]);
  });

  it("a former code prints the entry that replaced it: SY6001 is now SY2020", async () => {
    const { code, stdout } = await runCli(["explain", "SY6001"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^SY2020 duplicate-service-port \(error\)\n/);
    expect(stdout).toContain("\nFormerly\n  SY6001 (now reported as SY2020)\n");
  });
});
