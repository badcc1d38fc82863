import type { Flag } from "@switchyard/config-schema/schemas";
import { FLAG_CODES } from "../catalogue.js";
import type { FlagEditor, StoredFlag } from "../stores/types.js";

/**
 * A change to one flag, as the CLI (`switchyard flags enable …`) and the HTTP API
 * (`POST /api/v1/features/{flag}/enable`, …) express it. `replace` is a whole new definition (it
 * may create the flag); the others change an existing flag.
 */
export type FlagEdit =
  | { readonly kind: "enable" }
  | { readonly kind: "disable" }
  | { readonly kind: "rollout"; readonly percentage: number }
  | {
      readonly kind: "list";
      readonly list: "whitelist" | "blacklist";
      readonly add?: readonly string[];
      readonly remove?: readonly string[];
    }
  | { readonly kind: "replace"; readonly flag: Flag };

/** No flag of that name (SY7001). */
export class FlagNotFoundError extends Error {
  readonly code = FLAG_CODES.flagNotFound;
  readonly flag: string;
  constructor(flag: string) {
    super(`No flag '${flag}'`);
    this.name = "FlagNotFoundError";
    this.flag = flag;
  }
}

/** An edit that cannot apply: a percentage outside 0–100 (SY7002) or an empty user id (SY7005). */
export class FlagEditError extends Error {
  readonly code: typeof FLAG_CODES.invalidPercentage | typeof FLAG_CODES.invalidUser;
  constructor(code: FlagEditError["code"], message: string) {
    super(message);
    this.name = "FlagEditError";
    this.code = code;
  }
}

/** A user id the lists can hold: non-empty, one line. */
export function isValidUserId(user: string): boolean {
  return user.trim() !== "" && !/[\r\n]/.test(user);
}

/**
 * The flag after `edit` (the input is never changed). A list edit removes, then adds: it keeps the order,
 * appends new ids at the end, ignores ids already there (add) or absent (remove), and drops the
 * key when the list becomes empty.
 * @throws FlagEditError for a percentage outside 0–100 or an invalid user id.
 */
export function applyFlagEdit(flag: Flag, edit: FlagEdit): Flag {
  switch (edit.kind) {
    case "enable":
      return { ...flag, enabled: true };
    case "disable":
      return { ...flag, enabled: false };
    case "rollout":
      if (!Number.isFinite(edit.percentage) || edit.percentage < 0 || edit.percentage > 100) {
        throw new FlagEditError(
          FLAG_CODES.invalidPercentage,
          `Invalid rollout percentage ${edit.percentage}: give a number from 0 to 100`,
        );
      }
      return { ...flag, rollout_percentage: edit.percentage };
    case "list": {
      for (const user of [...(edit.add ?? []), ...(edit.remove ?? [])]) {
        if (!isValidUserId(user)) {
          throw new FlagEditError(FLAG_CODES.invalidUser, `Invalid user id ${JSON.stringify(user)}`);
        }
      }
      const removed = new Set(edit.remove ?? []);
      const next = (flag[edit.list] ?? []).filter((user) => !removed.has(user));
      for (const user of edit.add ?? []) if (!next.includes(user)) next.push(user);
      const out: Flag = { ...flag };
      if (next.length > 0) out[edit.list] = next;
      else delete out[edit.list];
      return out;
    }
    case "replace":
      return edit.flag;
  }
}

/**
 * `edit` as a {@link FlagEditor} for `store.update(name, …)`: an edit of a flag that does not
 * exist throws {@link FlagNotFoundError} (a `replace` creates it).
 */
export function flagEditor(name: string, edit: FlagEdit): FlagEditor {
  return (current: StoredFlag | undefined) => {
    if (current === undefined) {
      if (edit.kind === "replace") return edit.flag;
      throw new FlagNotFoundError(name);
    }
    return applyFlagEdit(current.flag, edit);
  };
}
