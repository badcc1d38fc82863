import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_MAX_BYTES } from "@switchyard/config-schema/yaml";
import { tempDir } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import { readExisting } from "./check.js";

describe("readExisting", () => {
  it("reads a generated file over the usual 16 MiB cap when the generator makes one that large (200,000 models make 41 MB)", async () => {
    const dir = await tempDir("sy-read-existing-");
    const path = join(dir, "litellm-unified.yaml");
    const line = "  - model_name: g-00000\n";
    const big = line.repeat(Math.ceil((DEFAULT_MAX_BYTES + 1024) / line.length));
    await writeFile(path, big);
    // Without the generation to compare with, the usual cap applies.
    const capped = await readExisting(path, "litellm-unified.yaml");
    expect("diagnostic" in capped && capped.diagnostic.code).toBe("SY1006");
    // The file the generator would write now is as large: it is read, up to twice that size.
    const read = await readExisting(path, "litellm-unified.yaml", big);
    expect("text" in read && read.text?.length).toBe(big.length);
    const half = big.slice(0, Math.floor(big.length / 2) - 4096);
    const refused = await readExisting(path, "litellm-unified.yaml", half);
    expect("diagnostic" in refused && refused.diagnostic.code).toBe("SY1006");
  });
});
