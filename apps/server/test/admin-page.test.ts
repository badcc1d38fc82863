import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FileFlagStore } from "@switchyard/feature-flags";
import { tempDirSync } from "@switchyard/test-utils";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exampleConfigDir } from "./config-dir.js";
import { ADMIN_TOKEN, bearer, OTHER_ADMIN, type Served, serve } from "./harness.js";

/** Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it). Missing: the test fails. */
const CHROMIUM = process.env.SWITCHYARD_CHROMIUM ?? "/usr/bin/chromium";
/** Screenshots, kept as test artefacts (gitignored). */
const ARTEFACTS = fileURLToPath(new URL("../test-artifacts/admin-page/", import.meta.url));

let s: Served;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  try {
    execFileSync(CHROMIUM, ["--version"], { stdio: "ignore" });
  } catch {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium); the admin page test needs it`,
    );
  }
  mkdirSync(ARTEFACTS, { recursive: true });
  const dir = exampleConfigDir();
  const store = await FileFlagStore.open(join(dir, "feature-flags.yaml"));
  s = await serve({ store, storeKind: "file", configDir: dir, cwd: dir, rateLimit: false });
  // The flags the field guide gives for headless Chromium as root on this closed network.
  // Chromium writes ~/.config/chromium and ~/.cache/dconf: its home is a temp dir of this file.
  const home = tempDirSync("sy-chromium-home-");
  context = await chromium.launchPersistentContext(tempDirSync("sy-chromium-"), {
    executablePath: CHROMIUM,
    headless: true,
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, ".config"),
      XDG_CACHE_HOME: join(home, ".cache"),
    },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
});

afterAll(async () => {
  await context?.close();
  await s?.close();
});

const row = (flag: string) => page.locator(`tr[data-flag="${flag}"]`);
const shot = (name: string) => page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
const stored = (flag: string) => s.store.snapshot().get(flag)!;

describe("the admin page in real headless Chromium", () => {
  test("enter a token, toggle, change a rollout, edit the whitelist, see the history grow, handle a 412", async () => {
    await page.goto(`${s.url}/?poll=0`);
    // Without a token the API says 401 and the page asks for one.
    await expect.poll(() => page.locator("#message").textContent()).toMatch(/Enter a token/);
    await shot("1-no-token");

    await page.fill("#token-input", ADMIN_TOKEN);
    await page.click("#token-form button[type=submit]");
    await expect.poll(() => page.locator("tr[data-flag]").count()).toBe(s.store.snapshot().size);
    await expect.poll(() => page.locator("#validation-status").textContent()).toMatch(/validation: valid/);
    await expect.poll(() => page.locator("#audit-status").textContent()).toMatch(/audit: \d+\/100/);
    await expect.poll(() => page.locator("#store-status").textContent()).toBe("store: ready (file)");
    await shot("2-flags");

    // Toggle: cloud-fallback is off in examples/config.
    expect(stored("cloud-fallback").flag.enabled).toBe(false);
    await row("cloud-fallback").locator(".toggle").click();
    await expect
      .poll(() => row("cloud-fallback").locator(".toggle").getAttribute("aria-pressed"))
      .toBe("true");
    expect(stored("cloud-fallback").flag.enabled).toBe(true);
    await expect.poll(() => page.locator(".history-entry").count()).toBe(1);
    await expect
      .poll(() => page.locator(".history-entry .history-summary").first().textContent())
      .toBe("enabled: false → true");

    // Rollout slider.
    await row("semantic-cache").locator("input.rollout").fill("60");
    await expect.poll(() => stored("semantic-cache").flag.rollout_percentage).toBe(60);
    await expect.poll(() => row("semantic-cache").locator(".rollout-value").textContent()).toBe("60 %");
    await expect.poll(() => page.locator(".history-entry").count()).toBe(2);

    // Whitelist: add with Enter, remove with ×.
    await row("semantic-cache").locator(".whitelist-input").fill("zoe");
    await row("semantic-cache").locator(".whitelist-input").press("Enter");
    await expect.poll(() => row("semantic-cache").locator(".chip span").allTextContents()).toContain("zoe");
    expect(stored("semantic-cache").flag.whitelist).toContain("zoe");
    await row("semantic-cache")
      .getByRole("button", { name: "Remove zoe from the whitelist of semantic-cache" })
      .click();
    await expect
      .poll(() => row("semantic-cache").locator(".chip span").allTextContents())
      .not.toContain("zoe");
    await expect.poll(() => page.locator(".history-entry").count()).toBe(4);
    await shot("3-changed");

    // Another writer gets there first: the page's view of semantic-cache is now stale.
    const seen = stored("semantic-cache").version;
    const other = await fetch(`${s.url}/api/v1/features/semantic-cache/rollout/10`, {
      method: "POST",
      headers: bearer(OTHER_ADMIN),
    });
    expect(other.status).toBe(200);
    await expect.poll(() => row("semantic-cache").locator(".version").textContent()).toBe(`v${seen}`);
    await row("semantic-cache").locator(".toggle").click();
    await expect
      .poll(() => page.locator("#message").textContent())
      .toMatch(/changed by someone else meanwhile \(now version \d+\)/);
    // Nothing of the page's stale change was applied; the page shows what is there now.
    expect(stored("semantic-cache").flag).toMatchObject({ enabled: true, rollout_percentage: 10 });
    expect(stored("semantic-cache").version).toBe(seen + 1);
    await expect.poll(() => row("semantic-cache").locator(".version").textContent()).toBe(`v${seen + 1}`);
    await expect.poll(() => row("semantic-cache").locator(".rollout-value").textContent()).toBe("10 %");
    expect(await page.locator("#message").getAttribute("data-kind")).toBe("warn");
    await expect.poll(() => page.locator(".history-entry .actor").first().textContent()).toBe("bot");
    await shot("4-conflict");

    // Retrying on top of the current version works.
    await row("semantic-cache").locator(".toggle").click();
    await expect.poll(() => stored("semantic-cache").flag.enabled).toBe(false);

    // One flag's history.
    await row("semantic-cache").locator(".show-history").click();
    await expect
      .poll(() => page.locator("#history-scope").textContent())
      .toBe("semantic-cache, newest first.");
    const flags = await page
      .locator(".history-entry")
      .evaluateAll((items) => items.map((i) => i.getAttribute("data-flag")));
    expect(new Set(flags)).toEqual(new Set(["semantic-cache"]));
    await shot("5-history");

    // Chromium logs every non-2xx answer as a console error; the expected ones (401 before the token, the 412) aside, none.
    expect(problems.filter((p) => !/status of (401|412) \(/.test(p))).toEqual([]);
  });

  test("a read token sees everything and changes nothing (403 shown)", async () => {
    const reader = await context.newPage();
    await reader.goto(`${s.url}/?poll=0`);
    await reader.fill("#token-input", "read-token-0123456789abcdef");
    await reader.click("#token-form button[type=submit]");
    await expect.poll(() => reader.locator("tr[data-flag]").count()).toBeGreaterThan(0);
    const before = stored("cloud-fallback").version;
    await reader.locator('tr[data-flag="cloud-fallback"] .toggle').click();
    await expect
      .poll(() => reader.locator("#message").textContent())
      .toMatch(/may read but not change anything/);
    expect(stored("cloud-fallback").version).toBe(before);
    await reader.screenshot({ path: join(ARTEFACTS, "6-read-only.png"), fullPage: true });
    await reader.close();
  });
});
