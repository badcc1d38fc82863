/**
 * `generate monitoring` writes its files as one journaled change (config-schema's `writeFileSet`):
 * a writer killed with SIGKILL between two files leaves the set half new, and the next run completes
 * it and says so (SY1051). The writer is a real process stopped at a known point (its `beforeRename`
 * hook, reported on stdout), so the kill lands between files whatever the machine's load.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleWorker } from "@switchyard/test-utils";
import { beforeAll, describe, expect, it } from "vitest";
import { copyExample, runCli, tempDir } from "./test-support/run.js";

const WORKER_SOURCE = `
import { loadConfigSet } from "@switchyard/config-schema/load";
import { monitoringInputOf, writeMonitoring } from "@switchyard/monitoring";
const [dir, out] = process.argv.slice(2);
const set = await loadConfigSet(dir, { kinds: ["providers", "ports", "model-mappings"] });
let renames = 0;
await writeMonitoring(monitoringInputOf(set), out, {
  beforeRename: async (path) => {
    renames += 1;
    if (renames < 2) return;
    // One file is in place, the others are staged: say so, then wait to be killed.
    process.stdout.write("between " + path + "\\n");
    setInterval(() => {}, 1 << 30);
    await new Promise(() => {});
  },
});
process.stdout.write("finished\\n");
`;

let worker: string;

beforeAll(async () => {
  worker = await bundleWorker(WORKER_SOURCE, {
    resolveDir: dirname(fileURLToPath(import.meta.url)),
    outfile: join(await tempDir("switchyard-monitoring-kill-"), "worker.mjs"),
  });
});

/** Resolves with the line the child printed that starts with `prefix`; rejects if it exits first. */
function printed(child: ChildProcess, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith(prefix));
      if (line !== undefined) resolve(line);
    });
    child.on("exit", () => reject(new Error(`the writer exited before printing '${prefix}': ${out}`)));
  });
}

/** Every file under `dir` (relative paths), recursively. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe("generate monitoring under SIGKILL (#16)", () => {
  it("killed between two files: the set is half new, and the next run completes it and says so", async () => {
    const cwd = await copyExample("config");
    const out = join(cwd, "config/monitoring");
    expect((await runCli(["generate", "monitoring"], cwd)).code).toBe(0);
    const before = new Map(
      await Promise.all(
        (await tree(out)).map(async (f) => [f, await readFile(join(out, f), "utf8")] as const),
      ),
    );
    // A new vLLM provider changes several files: its target, its row, the overview's series.
    const providersPath = join(cwd, "config/providers.yaml");
    await writeFile(
      providersPath,
      `${await readFile(providersPath, "utf8")}\n  vllm-coder:\n    type: vllm\n    base_url: http://127.0.0.1:9001/v1\n    models:\n      - name: coder\n`,
    );
    const child = spawn(process.execPath, [worker, join(cwd, "config"), out], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    await printed(child, "between ");
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // Half new: the change is committed (its journal), some files are new, some still old and staged.
    const state = await readdir(join(out, ".switchyard"));
    expect(state.filter((n) => n.startsWith("journal-"))).toHaveLength(1);
    const files = await tree(out);
    expect(files.some((f) => f.includes(".staged-"))).toBe(true);
    const current = await Promise.all(
      [...before].map(async ([f, text]) => (await readFile(join(out, f), "utf8")) === text),
    );
    expect(current.filter((same) => !same)).toHaveLength(1);

    // The next run finishes the change first, says so on stderr, and finds every file current.
    const next = await runCli(["generate", "monitoring", "--check"], cwd);
    expect(next.stderr).toMatch(
      /info\[SY1051\]: Completed an interrupted generate monitoring \(started .* by pid \d+\) in config\/monitoring: /,
    );
    expect([next.code, next.stdout]).toEqual([
      0,
      "✔ the 8 monitoring files in config/monitoring are current.\n",
    ]);
    const after = await tree(out);
    expect(after.filter((f) => f.includes(".staged-") || f.includes("journal-"))).toEqual([]);
    const dashboard = await readFile(join(out, "grafana/dashboards/switchyard-providers.json"), "utf8");
    expect(dashboard).toContain('"title": "vllm-coder (vllm)"');
    // A second run has nothing left to recover.
    expect((await runCli(["generate", "monitoring", "--check"], cwd)).stderr).toBe("");
  });

  it("staged files a writer killed before its commit left in the subdirectories are removed, and said", async () => {
    const cwd = await copyExample("config");
    const out = join(cwd, "config/monitoring");
    expect((await runCli(["generate", "monitoring"], cwd)).code).toBe(0);
    // pid 2^22+1 is above Linux's pid_max: no live process owns it.
    const orphan = join(out, "grafana/dashboards/.switchyard-overview.json.staged-4194305-0123456789ab");
    await writeFile(orphan, "{}\n");
    const next = await runCli(["generate", "monitoring", "--check"], cwd);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(".switchyard-overview.json.staged-4194305-0123456789ab");
    expect((await tree(out)).some((f) => f.includes(".staged-"))).toBe(false);
  });
});
