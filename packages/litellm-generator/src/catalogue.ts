import { type CodeOf, defineCatalogue, diagnosticFactory } from "@switchyard/config-schema/diagnostics";

/** SY4xxx: generating, checking, writing, importing (SY42xx) and reloading (SY43xx) the LiteLLM proxy config. */
export const generatorCatalogue = defineCatalogue([
  {
    code: "SY4001",
    name: "sources-invalid",
    title: "The config set has errors, so no LiteLLM config is generated.",
    severity: "error",
    cause:
      "providers.yaml, model-mappings.yaml or ports.yaml failed to load or validate (or a required file is missing). Generating from a broken set would hide the problem in a config LiteLLM silently half-accepts.",
    fix: "Run `switchyard validate`, fix the errors it lists, then generate again. Errors in the generated file itself (litellm-unified.yaml) do not block generation.",
  },
  {
    code: "SY4002",
    name: "unknown-provider",
    title:
      "A route names a provider that providers.yaml does not declare, so no LiteLLM config can be generated.",
    severity: "error",
    cause:
      "An exact match, load-balancing deployment or pattern route has `provider:` set to an id that is not a key of `providers`. This is the generator's own guard: consistency's SY2001 reports the same mistake and, through `switchyard validate`, `generate`, `reload` or the server, blocks first, so SY4002 is seen only where SY2001 cannot stop generation: a config set passed straight to the library's `generateLiteLLMConfig`, or a set whose SY2001 is suppressed or turned off in .switchyard.yaml (a route to a provider that does not exist still cannot be generated).",
    fix: "Correct the id (the message suggests the nearest one) or add the provider to providers.yaml. A suppression of SY2001 does not make the route generatable.",
    example: "exact_matches:\n  llama3:\n    provider: olama   # providers.yaml declares 'ollama'",
  },
  {
    code: "SY4003",
    name: "unsupported-wildcard",
    title: "A pattern uses `?`, which LiteLLM wildcards cannot express.",
    severity: "error",
    cause:
      "LiteLLM turns a wildcard `model_name` into a regular expression by replacing only `*`; a `?` would be matched literally, so the route would never match what the pattern says.",
    fix: "Rewrite the pattern with `*` only (e.g. `qwen2.?-*` → `qwen2.*`).",
  },
  {
    code: "SY4004",
    name: "output-invalid",
    title: "The generated LiteLLM config does not pass Switchyard's LiteLLM schema.",
    severity: "error",
    cause:
      "The generator produced a config that its own schema rejects. Nothing was written. This is a bug in Switchyard.",
    fix: "Report the bug with the diagnostics shown and your (redacted) config set; keep the previous litellm-unified.yaml meanwhile.",
  },
  {
    code: "SY4005",
    name: "duplicate-public-name",
    title: "A public model name is defined both as an exact match and as a load-balancing group.",
    severity: "error",
    cause:
      "Entries sharing a `model_name` form one LiteLLM model group, so the exact match would silently join the group's rotation.",
    fix: "Keep one definition: add the exact match's deployment to the group's `deployments`, or rename one of them.",
  },
  {
    code: "SY4006",
    name: "invalid-option",
    title: "A generation option has a value the generated config cannot carry.",
    severity: "error",
    cause:
      "`masterKeyEnv` must be an environment variable name, and `cacheNamespace` and `redisService` must not be empty.",
    fix: "Pass a valid value (e.g. `--master-key-env LITELLM_MASTER_KEY`).",
  },
  {
    code: "SY4010",
    name: "disabled-provider-skipped",
    title: "A route to a disabled provider was left out of the generated config.",
    severity: "info",
    cause: "Providers with `status: disabled` get no traffic, so their deployments are not emitted.",
    fix: "Nothing to do if that is intended; set `status: active` to route to the provider again.",
  },
  {
    code: "SY4011",
    name: "empty-model-group",
    title: "A public model name produces no deployment at all.",
    severity: "warning",
    cause:
      "Every deployment of the name points at a disabled provider, so LiteLLM will answer 'model not found' for it.",
    fix: "Enable one of its providers, add an active deployment, or remove the name.",
  },
  {
    code: "SY4012",
    name: "model-not-listed",
    title: "A route uses a model that its provider does not list.",
    severity: "warning",
    cause:
      "The provider's `models` has no entry with this name, so its mode and context window are unknown, and the provider may not serve it (a vLLM `--served-model-name` or an Ollama tag must match exactly).",
    fix: "Add the model to the provider's `models`, or correct the name in the route.",
  },
  {
    code: "SY4013",
    name: "literal-api-key-copied",
    title: "A literal API key was copied into the generated config.",
    severity: "warning",
    cause:
      "The provider's `api_key` is not an `os.environ/NAME` reference, so the secret now lives in a second file.",
    fix: "Put the key in an environment variable and write `api_key: os.environ/NAME` in providers.yaml; rotate the key if either file was shared.",
  },
  {
    code: "SY4014",
    name: "azure-api-version-missing",
    title: "An Azure provider has no `api_version`.",
    severity: "warning",
    cause:
      "Azure OpenAI requires an API version on every call; without one LiteLLM falls back to a built-in default that changes between releases.",
    fix: "Set `api_version` on the provider (e.g. `2024-10-21`).",
  },
  {
    code: "SY4020",
    name: "fallback-key-dropped",
    title: "Fallbacks were dropped because their model name is not a real model group.",
    severity: "warning",
    cause:
      "LiteLLM only fires fallbacks keyed by the exact name of a model group with deployments; a name with no deployments (unknown, or all providers disabled) or a wildcard group never triggers them.",
    fix: "Key the fallbacks by a public model name that has an active deployment.",
  },
  {
    code: "SY4021",
    name: "fallback-target-dropped",
    title: "A fallback target was dropped because no deployment serves it.",
    severity: "warning",
    cause:
      "The target is neither a model group of the generated config nor matched by an active wildcard route; LiteLLM never checks targets, so the fallback would fail at request time.",
    fix: "Point the fallback at a served public model name, or enable the provider that serves it.",
  },
  {
    code: "SY4022",
    name: "fallback-self",
    title: "A model lists itself as its own fallback; the entry was removed.",
    severity: "info",
    cause: "Falling back to the same model group retries the group, which `num_retries` already does.",
    fix: "Remove the name from its own fallbacks.",
  },
  {
    code: "SY4030",
    name: "no-redis-cache",
    title: "No Redis service was found in ports.yaml, so the response cache is off.",
    severity: "info",
    cause:
      "The cache is configured from the `redis` service of ports.yaml, or the first service whose `expected_processes` includes `redis-server`.",
    fix: "Declare the Redis service in ports.yaml (e.g. `redis: {port: 6379, expected_processes: [redis-server]}`) to enable the cache.",
  },
  {
    code: "SY4031",
    name: "redis-wildcard-host",
    title: "Redis binds a wildcard address; the cache connects to loopback instead.",
    severity: "info",
    cause: "`0.0.0.0` and `::` are addresses to listen on, not to connect to.",
    fix: "Nothing to do when LiteLLM runs on the same host; otherwise set the service's `host` to the address LiteLLM should use.",
  },
  {
    code: "SY4040",
    name: "group-strategy-ignored",
    title: "A load-balancing group's own `strategy` cannot be expressed in LiteLLM.",
    severity: "warning",
    cause:
      "LiteLLM's `routing_strategy` applies to the whole router; the generated config uses the router-wide strategy for this group too.",
    fix: "Remove the group's `strategy`, or set `routing.strategy` to it if every group should use it.",
  },
  {
    code: "SY4042",
    name: "wildcard-health-check",
    title: "A wildcard route has no concrete model to health-check.",
    severity: "warning",
    cause:
      "LiteLLM cannot health-check a pattern; it needs `model_info.health_check_model`, and none of the provider's models matches the pattern.",
    fix: "Set `health_check_model` on the pattern route to a model the provider serves.",
  },
  {
    code: "SY4043",
    name: "weights-ignored",
    title: "Deployment weights are ignored by the configured routing strategy.",
    severity: "warning",
    cause: "LiteLLM uses `weight` only with `simple-shuffle`.",
    fix: "Use `routing.strategy: simple-shuffle`, or remove the weights.",
  },
  {
    code: "SY4050",
    name: "passthrough-invalid",
    title: "litellm-passthrough.yaml cannot be merged into the generated config.",
    severity: "error",
    cause:
      "The passthrough file (written by `switchyard import`) is not valid YAML, has a section other than litellm_settings, general_settings, router_settings, environment_variables, deployments, model_list and sections (or a `sections:` entry for a section the generator writes), or holds a value the LiteLLM schema refuses. Nothing was generated.",
    fix: "Fix the reported place in litellm-passthrough.yaml, or import the LiteLLM config again.",
    example: "router_settings:\n  num_retries: three   # must be a number",
  },
  {
    code: "SY4051",
    name: "passthrough-key-overridden",
    title: "A passthrough key is ignored because the sources generate it.",
    severity: "info",
    cause:
      "The generated config already has this key with another value; what providers.yaml, model-mappings.yaml, ports.yaml and the generation options produce always wins over litellm-passthrough.yaml.",
    fix: "Remove the key from the passthrough file, or change the source (or option) that generates it, e.g. `--cache-namespace`.",
  },
  {
    code: "SY4052",
    name: "passthrough-deployment-unmatched",
    title: "Passthrough extras match no generated deployment.",
    severity: "warning",
    cause:
      "Extras under `deployments:` are applied to the deployment with the same model_name, provider id and provider model; a rename in the sources (or a disabled provider) leaves them without a target.",
    fix: "Update the entry's model_name, provider and model to the current names, or delete it.",
  },
  {
    code: "SY4053",
    name: "duplicate-deployment-id",
    title: "Two deployments share a `model_info.id`, or an id is also a model_name.",
    severity: "warning",
    cause:
      "LiteLLM identifies deployments by `model_info.id` (fallbacks to an id, `x-litellm-model-id`, spend logs), so only one of them can be addressed by it, and an id equal to a model_name breaks load balancing. Switchyard writes the ids as the config sets them (`id:` in model-mappings.yaml, or a verbatim deployment's model_info.id) and never generates a colliding one.",
    fix: "Give each deployment its own id, never equal to a model_name.",
  },
  {
    code: "SY4101",
    name: "generated-missing",
    title: "The generated LiteLLM config does not exist.",
    severity: "error",
    cause: "`switchyard generate` has not been run for this config set, or the output was removed.",
    fix: "Run `switchyard generate`.",
  },
  {
    code: "SY4102",
    name: "sources-changed",
    title: "The sources changed since the LiteLLM config was generated.",
    severity: "error",
    cause:
      "The `sources:` hash in the header differs from the hash of providers.yaml, model-mappings.yaml and ports.yaml now.",
    fix: "Run `switchyard generate` (add `--diff` first to see what changes).",
  },
  {
    code: "SY4103",
    name: "hand-edited",
    title: "The generated LiteLLM config was edited by hand.",
    severity: "error",
    cause:
      "The text below the header no longer matches the header's `body:` hash, so regenerating would discard those edits.",
    fix: "Move the change into providers.yaml / model-mappings.yaml / ports.yaml, then run `switchyard generate --force` (a backup of the edited file is kept).",
  },
  {
    code: "SY4104",
    name: "header-missing",
    title: "The file at the output path has no Switchyard header.",
    severity: "error",
    cause:
      "It was not written by `switchyard generate` (or its header was removed), so its origin cannot be checked.",
    fix: "Import it with `switchyard import` if it is a hand-written LiteLLM config, or overwrite it with `switchyard generate --force` (a backup is kept).",
  },
  {
    code: "SY4105",
    name: "generator-changed",
    title: "The LiteLLM config was generated by another generator version or with other options.",
    severity: "error",
    cause:
      "The sources are unchanged but generating now gives a different text: Switchyard was upgraded or the generation options (e.g. `--prometheus`) differ.",
    fix: "Run `switchyard generate` with the options you deploy with.",
  },
  {
    code: "SY4110",
    name: "overwrite-refused",
    title:
      "The output file was not overwritten because it was edited by hand or not generated by Switchyard.",
    severity: "error",
    cause: "Overwriting would discard content that no source file records.",
    fix: "Review the edits (`switchyard generate --diff`), move what matters into the source files, then pass `--force`.",
  },
  {
    code: "SY4111",
    name: "write-failed",
    title: "The generated LiteLLM config could not be written.",
    severity: "error",
    cause: "The safe write (lock, backup, atomic replace) failed; the previous file is unchanged.",
    fix: "Read the reported cause (permissions, a held lock, a full disk) and retry.",
  },
  {
    code: "SY4200",
    name: "import-unreadable",
    title: "The LiteLLM config cannot be imported.",
    severity: "error",
    cause:
      "The file is missing or unreadable, is not valid YAML (read as YAML 1.1, like PyYAML), its top level is not a mapping, or it has no `model_list` list. Nothing was imported.",
    fix: "Point `switchyard import` at the file passed to `litellm --config`, and fix the reported YAML error.",
  },
  {
    code: "SY4201",
    name: "include-invalid",
    title: "An `include:` of the LiteLLM config cannot be followed.",
    severity: "error",
    cause:
      "LiteLLM requires `include` to be a list of file paths, resolved against the main config's directory (also for includes inside included files), each an existing YAML mapping; otherwise the proxy refuses to start.",
    fix: "Fix the path (relative to the main config file) or add the missing file.",
    example: "include:\n  - models.yaml   # must exist beside the main config",
  },
  {
    code: "SY4202",
    name: "include-cycle",
    title: "Included files include each other.",
    severity: "error",
    cause:
      "LiteLLM appends included files' `include` lists to the list it is reading, so a cycle never ends.",
    fix: "Remove one include of the reported cycle.",
  },
  {
    code: "SY4203",
    name: "include-merge",
    title: "An included file repeats or replaces content.",
    severity: "warning",
    cause:
      "LiteLLM appends lists (so a file included twice duplicates its deployments) and replaces any other top-level value (a `litellm_settings` in an included file replaces the main file's instead of merging with it). The import reads what LiteLLM reads.",
    fix: "Include each file once, and keep each top-level section in one file.",
  },
  {
    code: "SY4210",
    name: "deployment-verbatim",
    title: "A deployment is carried verbatim in litellm-passthrough.yaml.",
    severity: "info",
    cause:
      "Its provider prefix (e.g. `bedrock/`), an `api_base` that is not a URL (an `os.environ/` reference), or a wildcard name a pattern cannot hold has no equivalent in providers.yaml, so the deployment is appended to the generated model_list as written.",
    fix: "Nothing to do; Switchyard's checks do not cover this deployment, so review it by hand when it changes.",
  },
  {
    code: "SY4211",
    name: "deployment-skipped",
    title: "A deployment without a usable model_name or litellm_params.model is not imported.",
    severity: "warning",
    cause:
      "LiteLLM skips such entries too. PyYAML reads some unquoted names as other types: `3:30` is the number 210, `yes` is true.",
    fix: "Give the deployment a (quoted) model_name and a litellm_params mapping with a model.",
  },
  {
    code: "SY4213",
    name: "openai-key-sent-to-server",
    title: "An OpenAI-compatible server gets no API key of its own, so LiteLLM sends it OPENAI_API_KEY.",
    severity: "info",
    cause:
      "A deployment `openai/<model>` with an `api_base` and no `api_key` is called through LiteLLM's OpenAI client, which then uses the proxy's own `OPENAI_API_KEY`, sending the real OpenAI key to that server (or fails when none is set). The import keeps that behaviour (`api_key: null` on the provider) rather than changing it silently.",
    fix: "Give the provider a key of its own, `api_key: os.environ/<PROVIDER_ID>_API_KEY` (any value works for a server that checks none), and export it; or remove `api_key: null` to get that default.",
  },
  {
    code: "SY4214",
    name: "literal-secret-referenced",
    title: "A literal secret was replaced by an environment reference; the secret is not copied.",
    severity: "warning",
    cause:
      "API keys, the master key, passwords, tokens and database URLs written into the LiteLLM config (anywhere: deployments, settings, guardrails, other sections) are imported as `os.environ/NAME`, so no secret reaches the new files; secret `environment_variables` are left out. One literal gets one name wherever it appears; a provider's key is named after the provider (`VLLM_QWEN_API_KEY`). Secrets are recognised by the key's name and the value's shape: numbers (prices, ports, limits) never are.",
    fix: "Export the named variable with the value from the original file where LiteLLM runs, and rotate the secret if the old file was shared.",
  },
  {
    code: "SY4215",
    name: "setting-not-carried",
    title: "A setting of the LiteLLM config is not carried into the imported files.",
    severity: "warning",
    cause:
      "Only what LiteLLM itself cannot use is left out: a `routing_strategy` that is not one of LiteLLM's strategies (LiteLLM's Router refuses it), a settings section that is not a mapping. Everything else, known to Switchyard or not, is carried.",
    fix: "Read the message; set a valid value in model-mappings.yaml or litellm-passthrough.yaml.",
  },
  {
    code: "SY4218",
    name: "provider-type-inferred",
    title: "A provider type was inferred from indirect evidence.",
    severity: "info",
    cause:
      '`openai/` on port 8080 (or a host named after llama.cpp) is taken for llama.cpp\'s llama-server; a model without prefix is typed as LiteLLM infers it (and keeps its bare name, `model_prefix: ""`).',
    fix: "Change the provider's `type` in providers.yaml if the guess is wrong.",
  },
  {
    code: "SY4219",
    name: "ids-generated",
    title: "Deployments without a `model_info.id` get a generated one.",
    severity: "info",
    cause:
      "Every id the imported config sets is kept (`id:` on the deployment); a deployment without one gets a stable generated id, `<provider>--<model>`, the same at every import and generation (LiteLLM would hash one from its parameters, which changes with every edit).",
    fix: "Nothing to do; set `id:` on a deployment in model-mappings.yaml to choose its id.",
  },
  {
    code: "SY4220",
    name: "import-overwrite-refused",
    title: "The import was not written because a target file exists.",
    severity: "error",
    cause:
      "providers.yaml, model-mappings.yaml, ports.yaml or litellm-passthrough.yaml already exists in the output directory (a stale passthrough file would be merged into every generation).",
    fix: "Import into an empty directory, or pass `--force` (each replaced file is backed up).",
  },
  {
    code: "SY4221",
    name: "import-write-failed",
    title: "The imported files could not be written.",
    severity: "error",
    cause: "Creating the directory or writing a file failed (permissions, a full disk, a held lock).",
    fix: "Fix the reported cause and import again with `--force` (files already written are backed up then).",
  },
  {
    code: "SY4222",
    name: "import-round-trip",
    title: "Whether generating from the imported files reproduces the LiteLLM config.",
    severity: "info",
    cause:
      "The import generates a LiteLLM config from its own files, as a bare `switchyard generate` would, and compares it with the input as LiteLLM reads both: every key and value, the deployments of each model group in order, the order LiteLLM tries wildcard routes, fallbacks by their key. Only the listed normalisations may differ (secrets read from the environment, generated ids, empty sections left out). A note when the input is reproduced; a warning listing the differences otherwise; an error when the files do not generate at all. A warning or an error is a bug.",
    fix: "Report a warning or an error verdict as a bug, with the (redacted) LiteLLM config.",
  },
  {
    code: "SY4223",
    name: "carried-as-written",
    title: "A part of the LiteLLM config is carried as written instead of modelled.",
    severity: "info",
    cause:
      "`router_settings.fallbacks` is modelled (as per-model `fallbacks:` that Switchyard checks) only when LiteLLM reads every entry as written there: single-key entries, each model group once, keyed by a modelled group, listing served names other than itself. Otherwise the list is carried as written in litellm-passthrough.yaml, so that LiteLLM does exactly what it did.",
    fix: "Nothing to do; to get Switchyard's checks on it, fix the list as the message says and move it to the models' `fallbacks:`.",
  },
  {
    code: "SY4224",
    name: "empty-section",
    title: "An empty settings section is left out of the generated config.",
    severity: "info",
    cause:
      "A section with nothing under it (`general_settings:` followed by comments only) is read by PyYAML as null; LiteLLM treats it as no settings, as it treats a missing section.",
    fix: "Nothing to do.",
  },
  {
    code: "SY4300",
    name: "reload-option-invalid",
    title: "A reload option is invalid.",
    severity: "error",
    cause: "The gateway URL is not an http(s) URL.",
    fix: "Pass the proxy's address, e.g. `--gateway-url http://127.0.0.1:4000`.",
  },
  {
    code: "SY4301",
    name: "restart-failed",
    title: "The restart command failed.",
    severity: "error",
    cause:
      "It exited with a non-zero status, could not be started, or was still running when the timeout ran out. The message ends with the tail of its output.",
    fix: "Run the command by hand (`systemctl restart litellm`, `docker restart litellm`) to see why.",
  },
  {
    code: "SY4302",
    name: "gateway-not-live",
    title: "The gateway did not answer `GET /health/liveliness` with 200 in time.",
    severity: "error",
    cause:
      "The proxy is not running: it exited on the new config (an unreadable file, a missing variable), its port is taken, or the gateway URL points elsewhere. `connection refused` is the usual last answer.",
    fix: "Read the proxy's logs; the reload restored the previous config.",
  },
  {
    code: "SY4303",
    name: "gateway-not-ready",
    title: "The gateway did not answer `GET /health/readiness` with 200 in time.",
    severity: "error",
    cause: "LiteLLM is up but cannot reach what it needs, typically its database (database_url) or cache.",
    fix: "Check the database and Redis the config names, then reload again.",
  },
  {
    code: "SY4304",
    name: "served-models-differ",
    title: "`GET /v1/models` does not list exactly the generated model names.",
    severity: "error",
    cause:
      "LiteLLM skips deployments it cannot initialise, an old proxy is still answering, or `store_model_in_db: true` adds models from the database. Wildcard routes are not compared.",
    fix: "Read the proxy's logs for skipped deployments; the message lists the missing and unexpected names.",
  },
  {
    code: "SY4305",
    name: "master-key-refused",
    title: "The served models could not be read with the master key.",
    severity: "error",
    cause:
      "The master key's environment variable is not set where the reload runs, or the proxy answered 401/403 to it: it runs with another key.",
    fix: "Export the variable general_settings.master_key reads (default LITELLM_MASTER_KEY), or pass `--master-key-env`.",
  },
  {
    code: "SY4306",
    name: "rollback-incomplete",
    title: "The rollback could not restore a verified-healthy gateway.",
    severity: "error",
    cause:
      "After a failed reload the previous file was put back (or could not be), but restarting or the health gates failed again: the problem is not the new config alone.",
    fix: "Check the gateway by hand: its logs, its supervisor, the restart command. The report lists every step.",
  },
]);

/** The generator's codes (SY4xxx), as a literal union: a code outside the catalogue does not compile. */
export type GeneratorCode = CodeOf<typeof generatorCatalogue>;

/** A generator finding: severity and default message from {@link generatorCatalogue}. */
export const generatorDiagnostic = diagnosticFactory(generatorCatalogue);
