import { describe, expect, test } from "vitest";
import { plural } from "./plural.js";

describe("plural", () => {
  test("one takes the singular, every other count the plural", () => {
    expect(plural(1, "backup")).toBe("1 backup");
    expect(plural(0, "backup")).toBe("0 backups");
    expect(plural(2, "backup")).toBe("2 backups");
  });

  test("an irregular plural is given, not guessed", () => {
    expect(plural(1, "exact match", "exact matches")).toBe("1 exact match");
    expect(plural(3, "exact match", "exact matches")).toBe("3 exact matches");
  });

  test("a bigint count (a zod bound) is printed in full and agrees with its noun", () => {
    expect(plural(1n, "item")).toBe("1 item");
    expect(plural(12345678901234567890n, "item")).toBe("12345678901234567890 items");
  });
});
