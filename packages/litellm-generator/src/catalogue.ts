import { type Catalogue, defineCatalogue } from "@switchyard/config-schema";

/** SY4xxx: generating, checking and writing the LiteLLM proxy config. */
export const generatorCatalogue: Catalogue = defineCatalogue([
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
    title: "A route names a provider that providers.yaml does not declare.",
    severity: "error",
    cause:
      "An exact match, load-balancing deployment or pattern route has `provider:` set to an id that is not a key of `providers`.",
    fix: "Correct the id (the message suggests the nearest one) or add the provider to providers.yaml.",
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
    code: "SY4041",
    name: "pattern-order",
    title: "LiteLLM will try a later, longer pattern before an earlier one.",
    severity: "warning",
    cause:
      "Switchyard's `patterns` are tried in order, but LiteLLM tries longer wildcard patterns first, so for names both match the later pattern wins.",
    fix: "List the longer (more specific) pattern first, so both tools agree.",
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
]);
