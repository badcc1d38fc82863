import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The team's shared folder (`shared/` with `field-guide.md` and `conformance/`): `SWITCHYARD_SHARED_DIR`
 * when set, else the first `shared/` beside this checkout or one of its ancestors (from /work/main it
 * is /work/shared, from a worktree /work/wt/<name> it is two levels up; CI lays it beside the clone).
 * Throws when there is none: a test that needs the data fails, it never skips.
 */
export function sharedDir(): string {
  const fromEnv = process.env.SWITCHYARD_SHARED_DIR;
  if (fromEnv) {
    if (!existsSync(join(fromEnv, "field-guide.md"))) {
      throw new Error(`SWITCHYARD_SHARED_DIR=${fromEnv} has no field-guide.md`);
    }
    return fromEnv;
  }
  let dir = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
  for (;;) {
    const candidate = join(dir, "shared");
    if (existsSync(join(candidate, "field-guide.md"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    "The shared folder (shared/field-guide.md) was not found beside the repository or any ancestor; set SWITCHYARD_SHARED_DIR",
  );
}
