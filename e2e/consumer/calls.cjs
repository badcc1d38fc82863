// One real call into each published library, as a user's code makes it. The ESM loader
// (`esm.mjs`) and the CommonJS loader (`cjs.cjs`) hand the libraries they loaded to `callEach`, so
// both module formats run the same calls; e2e/publish.mjs copies these files into a fresh project
// that installed the packages from the local registry, and checks the JSON this prints.
"use strict";

const { readFileSync } = require("node:fs");

/**
 * @param {Record<string, any>} libs the loaded entry points, keyed by package name
 * @param {string} configDir a config set written by `switchyard init`
 */
async function callEach(libs, configDir) {
  const schema = libs["@switchyard/config-schema"];
  const set = await schema.loadConfigSet(configDir);
  const flagName = Object.keys(set.files["feature-flags"].value.flags)[0];
  const results = {
    "@switchyard/config-schema": {
      files: Object.keys(set.files).sort(),
      errors: set.diagnostics.filter((d) => d.severity === "error").length,
    },
    "@switchyard/consistency": await (async () => {
      const report = await libs["@switchyard/consistency"].validateConfigDir(configDir);
      return { errors: report.diagnostics.filter((d) => d.severity === "error").length };
    })(),
    "@switchyard/migrations": await (async () => {
      const plan = await libs["@switchyard/migrations"].planMigration(configDir);
      return { status: plan.status };
    })(),
    "@switchyard/litellm-generator": (() => {
      const generated = libs["@switchyard/litellm-generator"].generateLiteLLMConfig(set);
      return { ok: generated.ok, startsWithHeader: generated.ok && generated.text.startsWith("#") };
    })(),
    "@switchyard/audit": await (async () => {
      const result = await libs["@switchyard/audit"].auditConfigDir(configDir);
      return { status: result.status, overall: typeof result.overall };
    })(),
    "@switchyard/feature-flags": (() => {
      const flag = set.files["feature-flags"].value.flags[flagName];
      const evaluation = libs["@switchyard/feature-flags"].evaluateFlag(flagName, flag, { userId: "u1" });
      return { value: typeof evaluation.value };
    })(),
    "@switchyard/port-registry": (() => {
      const order = libs["@switchyard/port-registry"].startOrder(set.files.ports.value);
      return { waves: order.waves.length > 0 };
    })(),
    "@switchyard/health": (() => {
      const health = libs["@switchyard/health"];
      const wire = Buffer.from(health.encodeCommand(["PING"])).toString("latin1");
      const parsed = health.parseReply(new TextEncoder().encode("+PONG\r\n"));
      return { wire, reply: parsed.reply };
    })(),
    "@switchyard/monitoring": (() => {
      const files = libs["@switchyard/monitoring"].generateMonitoring({
        ports: set.files.ports.value,
        providers: set.files.providers.value,
      });
      return { files: files.map((file) => file.path).sort() };
    })(),
    "@switchyard/doctor": await (async () => {
      const report = await libs["@switchyard/doctor"].runDoctor({
        configDir,
        critical: true,
        probe: { timeoutMs: 500, retries: 0 },
      });
      return { checks: report.checks.length > 0 };
    })(),
  };
  // The JSON Schemas the package ships resolve through its export map.
  const schemaFile = require.resolve("@switchyard/config-schema/schemas/providers.schema.json");
  results.schemaFile = typeof JSON.parse(readFileSync(schemaFile, "utf8")).$schema;
  return results;
}

/**
 * The subpath entries of an installed package (`@switchyard/x/sub`), from its export map; not the
 * JSON files or the package.json.
 * @param {string} name
 */
function subpathsOf(name) {
  const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8"));
  return Object.keys(manifest.exports ?? {})
    .filter((key) => key !== "." && !key.includes("*") && !key.endsWith(".json"))
    .map((key) => `${name}${key.slice(1)}`);
}

/**
 * For each subpath entry: how many names it exports, how many of them its package's main entry
 * exports too, and which of those are not the very same binding there (a class or function
 * duplicated into two bundles: `instanceof` across entries would fail).
 * @param {Record<string, any>} libs the main entries, keyed by package name
 * @param {Record<string, any>} subpaths the subpath entries, keyed by specifier
 */
function sameBindings(libs, subpaths) {
  /** @type {Record<string, { names: number, shared: number, different: string[] }>} */
  const report = {};
  for (const [specifier, entry] of Object.entries(subpaths)) {
    const main = libs[specifier.split("/").slice(0, 2).join("/")];
    const names = Object.keys(entry).filter((key) => key !== "default" && key !== "__esModule");
    const shared = names.filter((key) => key in main);
    report[specifier] = {
      names: names.length,
      shared: shared.length,
      different: shared.filter((key) => main[key] !== entry[key]),
    };
  }
  return report;
}

module.exports = { callEach, sameBindings, subpathsOf };
