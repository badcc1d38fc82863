/**
 * `switchyard --version` and `--help` must not load the packages only some commands use: cli.ts
 * reaches them only through the lazily imported command modules (and catalogue.ts's lazy imports).
 * This walks the static import graph from cli.ts and fails if one of them is reachable.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = dirname(fileURLToPath(import.meta.url));
const LAZY_PACKAGES = [
  "@switchyard/audit",
  "@switchyard/consistency",
  "@switchyard/litellm-generator",
  "@switchyard/migrations",
];

/** Every package (subpath entries counted as their package) reached through static `import`/`export … from` from `entry` (type-only imports skipped). */
function staticImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+"([^"]+)";/gms)) {
      const specifier = match[1]!;
      if (specifier.startsWith(".")) visit(join(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else packages.add(specifier.split("/").slice(0, 2).join("/")); // `@scope/name/sub` → `@scope/name`
    }
  };
  visit(entry);
  return packages;
}

describe("startup", () => {
  it("cli.ts does not statically import the packages that only some commands need", () => {
    const reached = staticImports(join(SRC, "cli.ts"));
    expect(reached).toContain("@switchyard/config-schema");
    for (const name of LAZY_PACKAGES) expect([...reached]).not.toContain(name);
  });

  it("validate does not load the audit, migration or generator code either", () => {
    const reached = [...staticImports(join(SRC, "commands/validate/run.ts"))];
    expect(reached).toContain("@switchyard/consistency");
    for (const name of ["@switchyard/audit", "@switchyard/litellm-generator", "@switchyard/migrations"])
      expect(reached).not.toContain(name);
  });

  it("the walk does find them from the command modules (so the test above can fail)", () => {
    expect(staticImports(join(SRC, "commands/audit/run.ts"))).toContain("@switchyard/audit");
    expect(staticImports(join(SRC, "commands/generate/run.ts"))).toContain("@switchyard/litellm-generator");
  });
});
