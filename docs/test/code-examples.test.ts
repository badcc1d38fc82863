/**
 * Every catalogued diagnostic code has an example on the troubleshooting page that a test ran: a
 * checked example of src/code-examples/ (its command really reports the code, and the page shows
 * what it printed) or a case of examples/broken/ (whose output the CLI's golden test checks). The
 * few codes still without one are listed in `WITHOUT_EXAMPLE`, each with the reason; the list only
 * shrinks (a listed code that has an example fails).
 */
import { createServer, type Server } from "node:net";
import { describe, expect, it } from "vitest";
import { fullCatalogue } from "../../apps/cli/src/full-catalogue.ts";
import { CODE_EXAMPLES, codeExampleRuns, reports, runCodeExample } from "../src/code-examples/index.ts";
import { WITHOUT_EXAMPLE } from "../src/code-examples/without-example.ts";
import { brokenExampleFindings } from "../src/troubleshooting.ts";

describe("checked examples of diagnostic codes", () => {
  it("each reports its code through the CLI's entry, as the page shows", async () => {
    const runs = await codeExampleRuns();
    expect([...runs.keys()]).toEqual(CODE_EXAMPLES.map((e) => e.code));
    for (const [code, run] of runs) {
      expect(run.output, `${code}: ${run.command}`).toMatch(new RegExp(`\\b${code}\\b`));
      expect(reports(run.output, code), `${code}: ${run.command}`).toBe(true);
    }
  });

  it("every catalogued code has one (or a case of examples/broken/), but the listed few", async () => {
    const runs = await codeExampleRuns();
    const broken = brokenExampleFindings();
    const codes = [...(await fullCatalogue()).keys()].sort();
    const without = codes.filter((code) => !runs.has(code) && !broken.has(code));
    // Compared as one line, not as a list of codes: the catalogue-coverage recorder counts a list
    // of codes under test as emitted, and these are the codes nothing here emits.
    expect(without.join(", "), "codes without an example: add one to src/code-examples/").toBe(
      Object.keys(WITHOUT_EXAMPLE).sort().join(", "),
    );
    for (const [code, why] of Object.entries(WITHOUT_EXAMPLE))
      expect(why.length, `${code}: say why it has no example yet`).toBeGreaterThan(20);
  });

  it("fails an example whose change does not apply, or whose command does not report its code", async () => {
    await expect(
      runCodeExample({
        code: "SY1003",
        what: "x",
        edits: [{ file: "config/providers.yaml", from: "no such text", to: "" }],
      }),
    ).rejects.toThrow(/holds "no such text" 0 times/);
    await expect(runCodeExample({ code: "SY1003", what: "nothing is wrong" })).rejects.toThrow(
      /does not report it; it printed:\n✔ no problems found in config/,
    );
  });

  it("runs an example's server on a free port and shows its page port: another run holding that port does not matter", async () => {
    // Two runs of the examples at once (docs' tests beside the CLI's, which import them; two
    // checkouts) each hold their servers' ports: the page's port must not be the one they bind.
    const withServer = CODE_EXAMPLES.filter((e) => e.server !== undefined);
    expect(withServer.map((e) => e.code)).toEqual(expect.arrayContaining(["SY4303", "SY4304", "SY6010"]));
    const held: Server[] = [];
    for (const port of new Set(withServer.map((e) => e.server!.shownPort))) {
      const server = createServer();
      // EADDRINUSE: another run holds it already, which is the case under test as well.
      const listening = await new Promise<boolean>((resolve) => {
        server.once("error", () => resolve(false));
        server.listen(port, "127.0.0.1", () => resolve(true));
      });
      if (listening) held.push(server);
    }
    try {
      const pageRuns = await codeExampleRuns();
      for (const example of withServer) {
        const run = await runCodeExample(example);
        expect(run.output, example.code).toContain(`127.0.0.1:${example.server!.shownPort}`);
        expect(run.output, example.code).toBe(pageRuns.get(example.code)?.output);
      }
    } finally {
      for (const server of held) await new Promise((resolve) => server.close(resolve));
    }
  });

  it("does not count the `explain` pointer as a report", () => {
    expect(reports("For more information about SY1003, run `switchyard explain SY1003`.", "SY1003")).toBe(
      false,
    );
    expect(reports("error[SY1003]: Tabs are not allowed", "SY1003")).toBe(true);
    expect(reports("config/a.yaml:1:1 warning SY5202 no-backups", "SY5202")).toBe(true);
  });
});
