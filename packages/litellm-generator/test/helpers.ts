import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type ConfigSet, loadConfigSet } from "@switchyard/config-schema/load";
import { tempDir } from "@switchyard/test-utils";

/** A config directory in a fresh temp dir holding exactly these files (relative path → text). */
export async function configDir(files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await tempDir("sy-gen-");
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** Load a config set built from inline files. */
export async function configSet(files: Readonly<Record<string, string>>): Promise<ConfigSet> {
  const dir = await configDir(files);
  return loadConfigSet(dir, { cwd: dir });
}

/** Remove a block's common indentation, so inline YAML can be indented with the test code. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ""), "");
  const lines = text.replace(/^\n/, "").split("\n");
  const indent = lines
    .filter((l) => l.trim() !== "")
    .reduce((least, l) => Math.min(least, /^ */.exec(l)![0].length), Number.POSITIVE_INFINITY);
  return lines
    .map((l) => l.slice(indent))
    .join("\n")
    .replace(/\s*$/, "\n");
}
