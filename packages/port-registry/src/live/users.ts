import { readFileSync } from "node:fs";

/**
 * uid → user name from a passwd file (default `/etc/passwd`), read once per call of this
 * function; unknown uids (and a missing file) give `undefined`.
 */
export function userNames(passwdPath = "/etc/passwd"): (uid: number) => string | undefined {
  let names: Map<number, string> | undefined;
  return (uid) => {
    if (names === undefined) {
      names = new Map();
      try {
        for (const line of readFileSync(passwdPath, "utf8").split("\n")) {
          const [name, , id] = line.split(":");
          if (name && id !== undefined && /^\d+$/.test(id) && !names.has(Number(id)))
            names.set(Number(id), name);
        }
      } catch {}
    }
    return names.get(uid);
  };
}
