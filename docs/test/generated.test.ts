/**
 * The generated pages are what their generators make from today's sources. A normal run fails when
 * a page is stale and says the command that regenerates it; `pnpm docs:generate` (UPDATE_DOCS=1)
 * writes them.
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { goldenDiff } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import type { CommandSpec } from "../../apps/cli/src/command.ts";
import { COMMANDS } from "../../apps/cli/src/commands/index.ts";
import { fullCatalogue } from "../../apps/cli/src/full-catalogue.ts";
import { cliReference } from "../src/cli-reference.ts";
import { REGENERATE_COMMAND } from "../src/markdown.ts";
import { troubleshootingGuide } from "../src/troubleshooting.ts";

const UPDATE = process.env.UPDATE_DOCS === "1";

const PAGES: readonly { readonly page: string; readonly render: () => string | Promise<string> }[] = [
  { page: "cli.md", render: () => cliReference() },
  { page: "troubleshooting.md", render: () => troubleshootingGuide() },
];

describe.each(PAGES.map(({ page, render }) => [page, render] as const))("docs/%s", (page, render) => {
  const path = fileURLToPath(new URL(`../${page}`, import.meta.url));

  it("is current (regenerate it when it is not)", async () => {
    const fresh = await render();
    if (UPDATE) {
      // The update prints what it changed, so a regenerated page is reviewed, not taken on trust.
      const before = await readFile(path, "utf8").catch(() => "");
      if (before !== fresh) {
        await writeFile(path, fresh);
        process.stderr.write(
          `\nUPDATE_DOCS rewrote docs/${page}:\n${goldenDiff(before, fresh, `docs/${page}`)}`,
        );
      }
    }
    const checkedIn = await readFile(path, "utf8").catch(() => "(missing)");
    expect(
      checkedIn,
      `docs/${page} is stale: run \`${REGENERATE_COMMAND}\` from the repository root and commit the result`,
    ).toBe(fresh);
  });

  it("is deterministic: two renders are byte-identical", async () => {
    expect(await render()).toBe(await render());
  });
});

describe("docs/cli.md", () => {
  it("has a section, a usage line and an options table for every command, in --help's order", () => {
    const page = cliReference();
    const sections = [...page.matchAll(/^## `switchyard (\S+)`$/gm)].map((m) => m[1]);
    expect(sections).toEqual(COMMANDS.map((c) => c.name));
    for (const spec of COMMANDS) {
      const section = page.slice(page.indexOf(`## \`switchyard ${spec.name}\``)).split(/^## /m)[1]!;
      expect(section).toContain(`switchyard ${spec.name} `);
      for (const option of Object.keys(spec.options)) expect(section).toContain(`--${option}`);
    }
  });

  it("changes when a command definition changes (the staleness check can fail)", () => {
    const changed: CommandSpec[] = COMMANDS.map((c) =>
      c.name === "validate" ? { ...c, summary: `${c.summary} (changed)` } : c,
    );
    expect(cliReference(changed)).not.toBe(cliReference());
    expect(cliReference(changed)).toContain("(changed)");
  });
});

describe("docs/troubleshooting.md", () => {
  it("has an entry with its meaning and fix for every code of every catalogue", async () => {
    const page = await troubleshootingGuide();
    const entries = [...(await fullCatalogue()).values()];
    expect(entries.length).toBeGreaterThan(100);
    for (const entry of entries) {
      expect(page).toContain(`### ${entry.code} ${entry.name}\n`);
      expect(page).toContain(`switchyard explain ${entry.code}\``);
    }
    const headings = [...page.matchAll(/^### (SY\d+) /gm)].map((m) => m[1]);
    expect(headings).toEqual([...entries.map((e) => e.code)].sort());
  });
});
