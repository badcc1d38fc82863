// @ts-check
/**
 * `pnpm e2e:publish`: release the packages to a real registry and use them as a user would.
 *
 * 1. Starts Verdaccio on loopback (a free port, storage in a temp dir, no uplink: it holds only what
 *    this run publishes, so an `@switchyard/*` package that was not published cannot come from
 *    anywhere else). Third-party dependencies come from the registry npm is configured with.
 * 2. Copies the built repository to a temp dir (the repository itself is never modified), runs the
 *    release workflow there as CI would: `changeset version`, then `changeset publish` (pnpm publish
 *    underneath, which rewrites `workspace:` ranges) to Verdaccio. Checks that every public package
 *    was published at the version `changeset version` gave it, with a CHANGELOG entry for it,
 *    dependencies on sibling packages pointing at published versions, and `publishConfig` set for
 *    public access with provenance (provenance itself needs GitHub's OIDC, so the copy drops it).
 * 3. In a fresh temp project that reads `@switchyard/*` from Verdaccio only, installs the CLI and
 *    every library with npm, and checks: `switchyard --version`; `init`, then `validate`, `generate`,
 *    `audit` on what init wrote; `npx switchyard` (the local bin) and `npx @switchyard/cli` in an
 *    empty directory (nothing installed); the schema modeline `init` writes names a file inside the
 *    installed package; every library imported as ESM and as CommonJS with one real call
 *    (e2e/consumer/); TypeScript resolves the types of every entry point and subpath from `.mts` and
 *    `.cts` files, without and then with `@types/node`, with every declaration checked (no
 *    skipLibCheck; without `@types/node`, errors in other packages' declarations are reported and
 *    tolerated, any in ours fail).
 * Removes the registry process and every temp dir on exit, also on failure or Ctrl-C.
 * Exits 1 on the first failed check (a missing tool is a failure, never a skip).
 */

import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CONSUMER_FILES = join(ROOT, "e2e", "consumer");
const require = createRequire(join(ROOT, "package.json"));
const PNPM = "pnpm@10.34.8";
const started = performance.now();

/** @type {string[]} */
const tempDirs = [];
/** @type {import("node:child_process").ChildProcess | undefined} */
let registryProcess;

function cleanUp() {
  if (registryProcess && registryProcess.exitCode === null) registryProcess.kill("SIGTERM");
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

class CheckFailed extends Error {}

/** @param {string} message */
function fail(message) {
  throw new CheckFailed(message);
}

/**
 * @param {unknown} condition
 * @param {string} message
 * @returns {asserts condition}
 */
function check(condition, message) {
  if (!condition) fail(message);
}

/** @param {string} prefix */
function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `switchyard-e2e-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** @param {string} text */
function step(text) {
  process.stdout.write(
    `e2e:publish ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s  ${text}\n`,
  );
}

/**
 * Runs a command to its end; a non-zero exit fails the run with its output.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, allowFailure?: boolean, timeoutMs?: number }} options
 */
function run(command, args, { cwd, env = process.env, allowFailure = false, timeoutMs = 300_000 }) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const shown = `${command} ${args.join(" ")} (in ${cwd})`;
  if (result.error) fail(`${shown} could not run: ${result.error.message}`);
  if (result.status !== 0 && !allowFailure) {
    fail(`${shown} exited ${result.status ?? result.signal}\n${result.stdout}\n${result.stderr}`.trimEnd());
  }
  return result;
}

/** @param {string} file */
function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** The workspace's packages: `{ dir, manifest }` for each folder under packages/ and apps/. */
function workspacePackages(root) {
  return ["packages", "apps"].flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(root, group, entry.name, "package.json")))
      .map((entry) => {
        const dir = join(root, group, entry.name);
        return { dir, manifest: readJson(join(dir, "package.json")) };
      }),
  );
}

// ---------------------------------------------------------------------------------------------
// 1. The registry.

/** Starts Verdaccio in a child process on a free loopback port; resolves with its URL. */
async function startRegistry() {
  const dir = tempDir("registry");
  const config = join(dir, "config.yaml");
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, "storage"))}`,
      "auth:",
      "  htpasswd:",
      `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
      "    max_users: 1",
      "uplinks: {}",
      "packages:",
      "  '@switchyard/*':",
      "    access: $all",
      "    publish: $authenticated",
      "    unpublish: $authenticated",
      "  '**':",
      "    access: $all",
      "log: { type: stdout, format: pretty, level: error }",
      "max_body_size: 100mb",
      "web: { enable: false }",
      "",
    ].join("\n"),
  );
  // The child listens on port 0 and reports the port it got over IPC: no port race.
  const script = [
    "const { runServer } = require('verdaccio');",
    "runServer(process.argv[1]).then((app) => {",
    "  const server = app.listen(0, '127.0.0.1', () => process.send(server.address().port));",
    "  process.on('disconnect', () => process.exit(0));",
    "}, (error) => { console.error(error); process.exit(1); });",
  ].join("\n");
  const child = spawn(process.execPath, ["-e", script, config], {
    cwd: dirname(require.resolve("verdaccio/package.json")),
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  registryProcess = child;
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const port = await new Promise((resolvePort, reject) => {
    const timer = setTimeout(
      () => reject(new CheckFailed(`Verdaccio did not start in 60 s:\n${output}`)),
      60_000,
    );
    child.once("message", (message) => {
      clearTimeout(timer);
      resolvePort(message);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new CheckFailed(`Verdaccio exited ${code} before listening:\n${output}`));
    });
  });
  const url = `http://127.0.0.1:${port}/`;
  // A user for publishing (Verdaccio's htpasswd sign-up answers with a token).
  const response = await fetch(new URL("-/user/org.couchdb.user:e2e", url), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "e2e", password: "e2e-publish-only", type: "user", roles: [] }),
  });
  const body = /** @type {{ token?: string }} */ (await response.json());
  check(response.ok && typeof body.token === "string", `Verdaccio refused the user: ${response.status}`);
  const npmrc = join(dir, "npmrc");
  writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${body.token}\n`, { mode: 0o600 });
  return { url, npmrc };
}

/**
 * What the registry holds for a package (its packument).
 * @param {string} url
 * @param {string} name
 */
async function packument(url, name) {
  const response = await fetch(new URL(name.replace("/", "%2f"), url));
  check(response.ok, `the registry has no ${name} (${response.status})`);
  return /** @type {{ versions: Record<string, any>, "dist-tags": Record<string, string> }} */ (
    await response.json()
  );
}

// ---------------------------------------------------------------------------------------------
// 2. Version and publish, on a copy.

/**
 * @param {{ url: string, npmrc: string }} registry
 * @returns {Promise<Map<string, string>>} each published package's version
 */
async function versionAndPublish(registry) {
  const copy = join(tempDir("release"), "repo");
  const skip = new Set(["node_modules", ".git", ".turbo", "coverage", "test-artifacts"]);
  cpSync(ROOT, copy, {
    recursive: true,
    filter: (source) => !skip.has(source.slice(source.lastIndexOf("/") + 1)),
  });

  const packages = workspacePackages(copy);
  const publicPackages = packages.filter((p) => p.manifest.private !== true);
  check(publicPackages.length > 0, "no public package in the workspace");
  for (const { dir, manifest } of publicPackages) {
    for (const field of ["dist", "bin"]) {
      const wanted = manifest.files?.includes(field);
      if (wanted)
        check(existsSync(join(dir, field)), `${manifest.name} has no ${field}/: run the build first`);
    }
    // What CI publishes with: public, with provenance (checked here, dropped in the copy below).
    check(
      manifest.publishConfig?.access === "public",
      `${manifest.name}: publishConfig.access is not "public"`,
    );
    check(
      manifest.publishConfig?.provenance === true,
      `${manifest.name}: publishConfig.provenance is not true`,
    );
    delete manifest.publishConfig.provenance;
    writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  // changelog-github asks GitHub's API for each changeset's commit and author, which this machine
  // cannot reach: the copy writes changelogs with changesets' own formatter (same entries, no links).
  const changesetConfig = join(copy, ".changeset", "config.json");
  const config = readJson(changesetConfig);
  config.changelog = require.resolve("@changesets/cli/changelog");
  writeFileSync(changesetConfig, `${JSON.stringify(config, null, 2)}\n`);

  // A git repository as CI's checkout is (changesets reads when each changeset was added).
  const git = (/** @type {string[]} */ args) =>
    run("git", ["-c", "user.name=e2e", "-c", "user.email=e2e@localhost", ...args], { cwd: copy });
  git(["init", "-q", "-b", "main"]);
  git(["add", "-A"]);
  git(["commit", "-q", "--no-verify", "-m", "release candidate"]);

  // pnpm publish reads sibling versions from node_modules to rewrite `workspace:` ranges.
  const env = {
    ...process.env,
    npm_config_userconfig: registry.npmrc,
    npm_config_registry: registry.url,
    NPM_CONFIG_PROVENANCE: "false",
  };
  const pnpmEnv = { ...process.env, NPM_CONFIG_PROVENANCE: "false" };
  step("copied the built repository");
  run("npx", ["-y", PNPM, "install", "--offline", "--frozen-lockfile", "--ignore-scripts"], {
    cwd: copy,
    env: pnpmEnv,
  });
  step(
    "installed its dependencies (offline, from the store: pnpm publish reads each workspace: sibling from node_modules)",
  );
  const changeset = require.resolve("@changesets/cli/bin.js");
  const pending = readdirSync(join(copy, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
  // The version step as the repository defines it (`changeset version`, then re-pinning the schema URLs).
  run("npx", ["-y", PNPM, "run", "version-packages"], { cwd: copy, env: pnpmEnv });
  step(`pnpm version-packages consumed ${pending.length} changesets`);
  // The release builds after versioning (`pnpm release`: build, then publish). Of the outputs, only
  // the CLI's holds the version (`switchyard --version`): rebuild it instead of everything.
  run(process.execPath, ["scripts/build.mjs"], { cwd: join(copy, "apps", "cli"), env: pnpmEnv });
  step("rebuilt the CLI at its new version");

  // `changeset publish` runs `pnpm publish`: put the pnpm this repository pins on PATH.
  const pnpmBin = run("npm", ["exec", "--yes", `--package=${PNPM}`, "-c", "command -v pnpm"], {
    cwd: ROOT,
  }).stdout.trim();
  check(isAbsolute(pnpmBin), `could not find ${PNPM}: ${pnpmBin}`);
  const shims = dirname(pnpmBin);
  const published = run(process.execPath, [changeset, "publish", "--no-git-tag"], {
    cwd: copy,
    env: { ...env, PATH: `${shims}:${process.env.PATH}` },
    timeoutMs: 600_000,
  });

  const versions = new Map();
  for (const { dir } of publicPackages) {
    const manifest = readJson(join(dir, "package.json"));
    versions.set(manifest.name, manifest.version);
    const changelog = join(dir, "CHANGELOG.md");
    check(existsSync(changelog), `${manifest.name}: changeset version wrote no CHANGELOG.md`);
    check(
      readFileSync(changelog, "utf8").includes(`## ${manifest.version}\n`),
      `${manifest.name}: CHANGELOG.md has no entry for ${manifest.version}`,
    );
  }
  for (const [name, version] of versions) {
    const doc = await packument(registry.url, name);
    const got = doc.versions[version];
    check(
      got !== undefined,
      `${name}@${version} was not published:\n${published.stdout}\n${published.stderr}`,
    );
    check(
      !JSON.stringify(got).includes("workspace:"),
      `${name}@${version} was published with a workspace: range`,
    );
    for (const [dep, range] of Object.entries({ ...got.dependencies, ...got.peerDependencies })) {
      if (!versions.has(dep)) continue;
      check(
        range === `^${versions.get(dep)}` || range === versions.get(dep),
        `${name}@${version} depends on ${dep}@${range}, but ${dep} was published as ${versions.get(dep)}`,
      );
    }
    check(got.dist?.tarball && got.dist?.integrity, `${name}@${version} has no tarball integrity`);
  }
  step(
    `changeset publish published ${versions.size} packages: ${[...versions].map(([n, v]) => `${n}@${v}`).join(", ")}`,
  );
  return versions;
}

// ---------------------------------------------------------------------------------------------
// 3. Install and use, as a user.

/**
 * @param {{ url: string }} registry
 * @param {Map<string, string>} versions
 */
async function installAndUse(registry, versions) {
  const project = tempDir("consumer");
  const npmCache = tempDir("npm-cache");
  const scoped = `@switchyard:registry=${registry.url}\n`;
  writeFileSync(join(project, ".npmrc"), scoped);
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify({ name: "switchyard-e2e-consumer", private: true, version: "1.0.0" }, null, 2)}\n`,
  );
  const env = { ...process.env, NO_COLOR: "1", SWITCHYARD_CACHE_DIR: join(project, ".cache") };
  const npm = (/** @type {string[]} */ args) =>
    run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd: project, env });

  const cliVersion = versions.get("@switchyard/cli");
  check(cliVersion !== undefined, "@switchyard/cli was not published");
  const libraries = [...versions.keys()].filter((name) => name !== "@switchyard/cli");
  // Peer dependencies of the optional subpaths (feature-flags/redis, feature-flags/openfeature).
  const peers = new Map();
  for (const name of libraries) {
    const doc = await packument(registry.url, name);
    for (const [peer, range] of Object.entries(doc.versions[versions.get(name)].peerDependencies ?? {})) {
      if (!versions.has(peer)) peers.set(peer, range);
    }
  }
  const specs = [...versions].map(([name, version]) => `${name}@${version}`);
  for (const [name, range] of peers) specs.push(`${name}@${range}`);
  npm(["install", "--prefer-online", ...specs]);
  for (const [name, version] of versions) {
    const installed = readJson(join(project, "node_modules", name, "package.json"));
    check(installed.version === version, `${name}: installed ${installed.version}, published ${version}`);
  }
  const lock = readFileSync(join(project, "package-lock.json"), "utf8");
  check(
    !/"resolved": "(?!http:\/\/127\.0\.0\.1)[^"]*\/@switchyard\//.test(lock),
    "an @switchyard package was installed from another registry than the local one",
  );
  step(`installed ${versions.size} packages (+ ${peers.size} optional peers) from the local registry`);

  // Each installed manifest names only files the package ships, under the conditions Node and
  // TypeScript use (a development-only condition such as one naming src/ would be a dead end).
  const conditions = new Set(["types", "import", "require", "default"]);
  let targets = 0;
  for (const name of versions.keys()) {
    const dir = join(project, "node_modules", name);
    const manifest = readJson(join(dir, "package.json"));
    /** @param {unknown} target @param {string} where */
    const walk = (target, where) => {
      if (typeof target === "string") {
        targets++;
        if (!target.includes("*"))
          check(
            existsSync(join(dir, target)),
            `${name}: ${where} names ${target}, which is not in the package`,
          );
        return;
      }
      for (const [key, value] of Object.entries(/** @type {Record<string, unknown>} */ (target ?? {}))) {
        const subpath = key.startsWith(".");
        check(subpath || conditions.has(key), `${name}: ${where} has the condition "${key}"`);
        walk(value, subpath ? key : `${where} ${key}`);
      }
    };
    walk(manifest.exports ?? {}, "exports");
    for (const field of ["main", "module", "types"])
      if (typeof manifest[field] === "string")
        check(existsSync(join(dir, manifest[field])), `${name}: "${field}" names a file it does not ship`);
  }
  step(
    `every export of the installed manifests names a shipped file (${targets} targets, no other condition)`,
  );

  // The CLI, through the bin npm linked, and through npx.
  const bin = join(project, "node_modules", ".bin", "switchyard");
  const version = run(bin, ["--version"], { cwd: project, env }).stdout.trim();
  check(version.includes(cliVersion), `switchyard --version printed "${version}", published ${cliVersion}`);
  const viaNpx = run("npx", ["--no-install", "switchyard", "--version"], { cwd: project, env }).stdout.trim();
  check(viaNpx === version, `npx switchyard --version printed "${viaNpx}"`);
  const empty = tempDir("npx");
  writeFileSync(join(empty, ".npmrc"), scoped);
  const fresh = run("npx", ["--yes", `@switchyard/cli@${cliVersion}`, "--version"], {
    cwd: empty,
    env: { ...env, npm_config_cache: npmCache },
  }).stdout.trim();
  check(fresh === version, `npx @switchyard/cli --version (nothing installed) printed "${fresh}"`);

  run(bin, ["init", "config"], { cwd: project, env });
  const configDir = join(project, "config");
  run(bin, ["validate", "--config-dir", "config"], { cwd: project, env });
  const out = join(project, "litellm-unified.yaml");
  run(bin, ["generate", "--config-dir", "config", "--out", out], { cwd: project, env });
  check(readFileSync(out, "utf8").includes("model_list"), "generate wrote no model_list");
  const audit = run(bin, ["audit", "config", "--json"], { cwd: project, env, allowFailure: true });
  check(audit.status === 0 || audit.status === 1, `audit exited ${audit.status}\n${audit.stderr}`);
  check(JSON.parse(audit.stdout).format === "switchyard-audit/1", "audit --json printed no audit report");
  step(
    `switchyard ${version}: --version, npx (local and nothing installed), init, validate, generate, audit`,
  );

  // The schema modeline init writes names a file the installed package ships: the published URL
  // pinned to the installed version, and with --schema local a path into node_modules.
  const schemaVersion = versions.get("@switchyard/config-schema");
  run(bin, ["init", "local-config", "--schema", "local"], { cwd: project, env });
  const modelines = [];
  for (const [dir, file] of ["config", "local-config"].flatMap((d) =>
    readdirSync(join(project, d))
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => [join(project, d), f]),
  )) {
    const first = readFileSync(join(dir, file), "utf8").split("\n", 1)[0] ?? "";
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    check(match, `${file}: init wrote no yaml-language-server modeline`);
    const target = match[1];
    let local;
    const remote = /^https:\/\/[^/]+\/(@switchyard\/config-schema)(?:@([^/]+))?\/(.+)$/.exec(target);
    if (remote) {
      check(remote[2] === schemaVersion, `${file}: the modeline ${target} is not pinned to ${schemaVersion}`);
      local = join(project, "node_modules", remote[1], remote[3]);
    } else if (!/^[a-z]+:/.test(target)) local = resolve(dir, target);
    else fail(`${file}: the modeline names ${target}, which is no file of @switchyard/config-schema`);
    check(
      existsSync(local),
      `${file}: the modeline's schema ${target} is not in the installed package (${local})`,
    );
    modelines.push(`${relative(project, join(dir, file))} -> ${remote ? target : relative(project, local)}`);
    if (!remote)
      check(
        !relative(join(project, "node_modules"), local).startsWith(".."),
        `${file}: ${target} is outside node_modules`,
      );
  }
  step(`modelines resolve: ${modelines.join("; ")}`);

  // Each library from ESM and from CommonJS, one real call each.
  for (const file of readdirSync(CONSUMER_FILES)) cpSync(join(CONSUMER_FILES, file), join(project, file));
  const esm = JSON.parse(
    run(process.execPath, ["esm.mjs", configDir, ...libraries], { cwd: project, env }).stdout,
  );
  const cjs = JSON.parse(
    run(process.execPath, ["cjs.cjs", configDir, ...libraries], { cwd: project, env }).stdout,
  );
  check(
    JSON.stringify(esm) === JSON.stringify(cjs),
    `ESM and CommonJS disagree:\n${JSON.stringify(esm)}\n${JSON.stringify(cjs)}`,
  );
  for (const name of libraries)
    check(esm[name] !== undefined, `no call into ${name} (add one to e2e/consumer/calls.cjs)`);
  check(
    esm["@switchyard/config-schema"].errors === 0,
    `init's set has schema errors: ${JSON.stringify(esm)}`,
  );
  check(
    esm["@switchyard/litellm-generator"].ok === true,
    `generateLiteLLMConfig failed: ${JSON.stringify(esm)}`,
  );
  check(esm["@switchyard/health"].reply?.value === "PONG", `parseReply: ${JSON.stringify(esm)}`);
  // Each subpath entry hands out the main entry's very bindings (shared chunks, not copies), from
  // ESM and from CommonJS (the two runs agree, checked above).
  for (const [specifier, entry] of Object.entries(esm.subpaths)) {
    check(entry.names > 0, `${specifier} exports nothing`);
    check(
      entry.different.length === 0,
      `${specifier}: ${entry.different.join(", ")} differ from the main entry's (two copies of the code)`,
    );
  }
  const schemaSubpaths = Object.keys(esm.subpaths).filter((s) => s.startsWith("@switchyard/config-schema/"));
  check(schemaSubpaths.length > 0, "@switchyard/config-schema has no subpath entry");
  step(
    `${Object.keys(esm.subpaths).length} subpath entries (${schemaSubpaths.length} of config-schema) share the main entry's bindings, ESM and CommonJS: ${Object.values(
      esm.subpaths,
    ).reduce((sum, entry) => sum + entry.shared, 0)} names identical`,
  );
  step(`${libraries.length} libraries imported as ESM and as CommonJS, one call each, same results`);

  // Types: every entry point and subpath, from an ES module and a CommonJS module.
  const specifiers = [];
  for (const name of libraries) {
    const manifest = readJson(join(project, "node_modules", name, "package.json"));
    for (const subpath of Object.keys(manifest.exports ?? { ".": null })) {
      if (subpath.includes("*") || subpath.endsWith(".json")) continue;
      specifiers.push(subpath === "." ? name : `${name}/${subpath.slice(2)}`);
    }
  }
  const imports = specifiers.map((s, i) => `import * as m${i} from "${s}";`).join("\n");
  const uses = `export const entries: number = ${specifiers.map((_, i) => `Object.keys(m${i}).length`).join(" + ")};\n`;
  const typed = [
    'import { loadConfigSet } from "@switchyard/config-schema";',
    'import type { ConfigSet } from "@switchyard/config-schema";',
    'import { generateLiteLLMConfig } from "@switchyard/litellm-generator";',
    "export async function firstModel(dir: string): Promise<string | undefined> {",
    "  const set: ConfigSet = await loadConfigSet(dir);",
    "  const generated = generateLiteLLMConfig(set);",
    "  return generated.ok ? generated.config.model_list[0]?.model_name : undefined;",
    "}",
    "",
  ].join("\n");
  writeFileSync(join(project, "types-esm.mts"), `${imports}\n${uses}${typed}`);
  writeFileSync(join(project, "types-cjs.cts"), `${imports}\n${uses}`);
  const tsc = require.resolve("typescript/bin/tsc");
  // Every declaration is checked (no skipLibCheck), first as a project that does not target Node
  // has it (no @types/node: our declarations name no Node-only type such as Buffer), then with it.
  const tsconfig = (/** @type {string[]} */ types) => {
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2023"],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types,
        },
        files: ["types-esm.mts", "types-cjs.cts"],
      }),
    );
  };
  tsconfig([]);
  const bare = run(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], {
    cwd: project,
    env,
    allowFailure: true,
  });
  const errors = `${bare.stdout}\n${bare.stderr}`.split("\n").filter((line) => /error TS\d+/.test(line));
  // Other packages' declarations may need Node's or the DOM's globals (zod names `URL`; the
  // OpenFeature server SDK, a peer of feature-flags/openfeature, names `AbortSignal` and
  // `node:events`): theirs, reported and tolerated. An error in our declarations or in the
  // consumer's files fails the run.
  const theirs = new Map();
  const ours = [];
  for (const line of errors) {
    const owner = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line)?.[1];
    if (owner === undefined || owner.startsWith("@switchyard/")) ours.push(line);
    else theirs.set(owner, [...(theirs.get(owner) ?? []), line]);
  }
  check(
    ours.length === 0 && (bare.status === 0 || theirs.size > 0),
    `tsc without @types/node and without skipLibCheck failed:\n${ours.join("\n") || bare.stdout + bare.stderr}`,
  );
  const names = (/** @type {string[]} */ lines) =>
    [...new Set(lines.map((line) => /error TS\d+: (.*)$/.exec(line)?.[1] ?? line))].join("; ");
  step(
    `tsc without @types/node, skipLibCheck off: ${specifiers.length} entry points, no error in our declarations` +
      [...theirs].map(([owner, lines]) => `; ${owner}'s own: ${names(lines)}`).join(""),
  );
  npm(["install", "--prefer-online", "@types/node@^20"]);
  tsconfig(["node"]);
  run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: project, env });
  step(`tsc --noEmit: ${specifiers.length} entry points from .mts and .cts, with @types/node`);
}

try {
  const registry = await startRegistry();
  step(`Verdaccio on ${registry.url}`);
  const versions = await versionAndPublish(registry);
  await installAndUse(registry, versions);
  step("ok");
} catch (error) {
  process.stderr.write(
    `e2e:publish FAILED: ${error instanceof CheckFailed ? error.message : error?.stack}\n`,
  );
  process.exitCode = 1;
} finally {
  cleanUp();
}
