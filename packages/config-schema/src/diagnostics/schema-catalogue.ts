import { safeWriteCatalogue } from "../safe-write/catalogue.js";
import { suppressionCatalogue } from "../suppressions/catalogue.js";
import {
  type Catalogue,
  type CodeOf,
  type DiagnosticFactory,
  defineCatalogue,
  diagnosticFactory,
  mergeCatalogues,
} from "./catalogue.js";

/** SY1001–SY1044: problems reading, parsing and schema-validating single config files. */
const loadingCatalogue = defineCatalogue([
  {
    code: "SY1001",
    name: "yaml-syntax",
    title: "The file is not valid YAML.",
    severity: "error",
    cause:
      "The YAML parser stopped at this position: an unclosed quote or bracket, a value containing `: ` that is not quoted, wrong indentation, a stray character, an alias `*name` with no anchor `&name` before it, or a key written as a list or mapping.",
    fix: "Look at the marked position and the line above it. Quote values that contain `: `, `#` or start with `*`, `&`, `!`, `%`, `@` or a backtick.",
    example: 'description: note: this breaks   # quote it: "note: this works"',
  },
  {
    code: "SY1002",
    name: "duplicate-key",
    title: "A key appears twice in the same mapping.",
    severity: "error",
    cause:
      "YAML requires unique keys; many parsers silently keep the last value, which hides a copy-paste mistake (two providers with the same id, say). Switchyard refuses the file instead.",
    fix: "Remove one entry or rename it.",
  },
  {
    code: "SY1003",
    name: "tab-indentation",
    title: "A tab character is used for indentation.",
    severity: "error",
    cause:
      "YAML forbids tabs in indentation; editors that mix tabs and spaces produce files that look right but do not parse.",
    fix: "Replace the tabs with spaces (two per level is the convention in Switchyard files).",
  },
  {
    code: "SY1004",
    name: "alias-limit",
    title: "Aliases expand beyond the allowed limit.",
    severity: "error",
    cause:
      "Anchors (`&a`) and aliases (`*a`) that refer to each other can expand exponentially (the 'billion laughs' attack), and an alias inside the node it refers to expands forever. Switchyard caps alias expansion (100 by default) and refuses cycles, so a hostile file cannot exhaust memory.",
    fix: "Write values out instead of nesting aliases, or raise `--max-alias-count` if the file is trusted.",
  },
  {
    code: "SY1005",
    name: "invalid-encoding",
    title: "The file is not valid UTF-8.",
    severity: "error",
    cause:
      "The file contains bytes from another encoding (often Latin-1, Windows-1252 or UTF-16), or a NUL character (a UTF-16 file saved without a byte-order mark).",
    fix: "Re-save the file as UTF-8 without a byte-order mark. The diagnostic points at the first bad byte.",
  },
  {
    code: "SY1006",
    name: "file-too-large",
    title: "The file is larger than the size cap.",
    severity: "error",
    cause:
      "Config files are capped (16 MiB by default) so a wrong path or a runaway generator cannot exhaust memory.",
    fix: "Check the path; split the file, or raise the cap with `--max-file-size` when the size is intended.",
  },
  {
    code: "SY1007",
    name: "forbidden-key",
    title: "A key named `__proto__`, `constructor` or `prototype`.",
    severity: "error",
    cause:
      "These keys can alter JavaScript objects when a program merges parsed data (prototype pollution). Switchyard refuses them everywhere and drops them from the parsed data.",
    fix: "Rename the key.",
  },
  {
    code: "SY1008",
    name: "multiple-documents",
    title: "The file holds more than one YAML document.",
    severity: "error",
    cause: "A `---` line starts a second document; Switchyard reads exactly one document per file.",
    fix: "Remove the `---` separator, or move the second document into its own file.",
  },
  {
    code: "SY1009",
    name: "not-a-mapping",
    title: "The file is empty or its top level is not a mapping.",
    severity: "error",
    cause:
      "Every config file is a mapping that starts with `schema_version:`; an empty file or a top-level list cannot be read.",
    fix: "Restore the file's content, or run `switchyard init` in a new directory and copy the file from there.",
  },
  {
    code: "SY1010",
    name: "unreadable",
    title: "A file or directory cannot be read.",
    severity: "error",
    cause: "The path does not exist, or permissions do not allow reading it.",
    fix: "Check the path (`--config-dir`) and the permissions.",
  },
  {
    code: "SY1011",
    name: "missing-file",
    title: "A required file of the config set is missing.",
    severity: "error",
    cause: "`providers.yaml` and `model-mappings.yaml` are required; without them nothing can be routed.",
    fix: "Run `switchyard init` to write a complete set, or restore the file from its latest backup.",
  },
  {
    code: "SY1012",
    name: "unknown-file",
    title: "A YAML file in the config directory has a name close to a config file's.",
    severity: "warning",
    cause:
      "A misnamed file (`provider.yaml`, `model-mapping.yml`) is silently ignored, so its content never takes effect.",
    fix: "Rename it to the suggested name.",
  },
  {
    code: "SY1013",
    name: "yaml-indentation",
    title: "A key or list item is indented differently from its siblings.",
    severity: "error",
    cause:
      "YAML reads structure from indentation: the keys of one mapping, and the items of one list, must start at the same column. One line indented a space or two off makes the parser read it as part of the line above, or as a new entry of the parent.",
    fix: "Indent the line like the sibling the diagnostic names (its related location). Configure the editor to insert spaces, two per level.",
    example:
      "llama3.1:\n    provider: ollama\n  model: llama3.1:8b   # indented 2 spaces; its siblings use 4",
  },
  {
    code: "SY1014",
    name: "yaml-unclosed",
    title: "A quote or bracket is opened and never closed.",
    severity: "error",
    cause:
      'A value starts with `"`, `\'`, `[` or `{` and the line ends before the matching `"`, `\'`, `]` or `}`. In double quotes a `\\` escapes the next character, so a value ending in `\\"` never ends either.',
    fix: "Add the closing character at the end of the value. For a backslash at the end of a value, write `\\\\` or use single quotes.",
    example: 'description: "General chat   # the " is never closed',
  },
  {
    code: "SY1015",
    name: "mixed-line-endings",
    title: "Some lines end with CRLF and others with LF.",
    severity: "warning",
    cause:
      "The file was edited on Windows and elsewhere. YAML reads both kinds, but every save flips lines, diffs show unchanged lines, and a block scalar (`|`) keeps the carriage returns.",
    fix: "Save the file with one kind of line ending (LF is the convention), e.g. with `dos2unix` or the editor's line-ending setting; a `.gitattributes` line `*.yaml text eol=lf` keeps it so.",
  },
  {
    code: "SY1016",
    name: "stray-byte-order-mark",
    title: "An invisible byte-order mark (U+FEFF) is inside the file.",
    severity: "error",
    cause:
      "Only the very start of a file may hold a byte-order mark. One inside it (pasted text, or two files joined) is an invisible character in a key or value: `\uFEFFmodel` looks like `model` but is another key.",
    fix: "Delete the character at the marked position (delete the character before the first visible one, then retype it).",
  },
  {
    code: "SY1017",
    name: "yaml-key-separator",
    title: "A key is not separated from its value by `: `.",
    severity: "error",
    cause:
      "YAML ends a key with a colon followed by a space. `provider:ollama` is one word, `provider ollama` has no colon, and `provider = ollama` is another format's syntax; none of them is a key with a value.",
    fix: "Write `key: value`, with one space after the colon.",
    example: "provider:ollama   # write provider: ollama",
  },
  {
    code: "SY1018",
    name: "yaml-unquoted-value",
    title: "A value needs quotes to be read as written.",
    severity: "error",
    cause:
      'Some text means something to YAML: `: ` inside a plain value starts a nested key, a value may not start with `@` or a backtick, and in double quotes `\\` starts an escape sequence (so `"C:\\models"` is not a path).',
    fix: "Quote the value: double quotes for text with `: ` (`\"Note: fast\"`), single quotes for text with backslashes (`'C:\\models'`).",
    example: 'description: Note: fast   # quote it: "Note: fast"',
  },
  {
    code: "SY1024",
    name: "yaml-list-item",
    title: "A list item is written where a key belongs, or a list item lacks its `- `.",
    severity: "error",
    cause:
      "A `- ` line among the keys of a mapping, `-item` without the space that makes the dash a list marker, or the next item of a list written without its `- ` (so its keys repeat the previous item's).",
    fix: "Start each list item with `- ` followed by a space; remove the `- ` from entries of a mapping.",
    example: "deployments:\n  - provider: a\n    weight: 1\n    provider: b   # missing `- ` before it",
  },
  {
    code: "SY1019",
    name: "too-many-diagnostics",
    title: "A file has more diagnostics than are listed; the rest are counted in this summary.",
    severity: "error",
    cause:
      "Each file reports at most 1,000 diagnostics (the first by position); one summary counts the others by severity and takes the most severe one's severity, so the exit code is the same as if all were listed. Thousands of problems in one file usually mean a damaged file, a file of another format, or a wrong path.",
    fix: "Fix the problems listed first and run again, or restore the file from a backup (`switchyard backup list --file <name>`).",
  },
  {
    code: "SY1020",
    name: "missing-schema-version",
    title: "The file has no `schema_version`.",
    severity: "error",
    cause: "Without a version Switchyard cannot know which schema the file was written for, nor migrate it.",
    fix: 'Add `schema_version: "2.0.0"` as the first key (or the older version it was written for, then run `switchyard migrate --auto`).',
  },
  {
    code: "SY1021",
    name: "invalid-schema-version",
    title: "`schema_version` is not a semantic version string.",
    severity: "error",
    cause:
      'Often an unquoted number: `schema_version: 2.0` is read by YAML as the number 2, not the string "2.0.0".',
    fix: 'Write a quoted semver string: `schema_version: "2.0.0"`.',
  },
  {
    code: "SY1022",
    name: "outdated-schema-version",
    title: "The file is written for an older schema version.",
    severity: "error",
    cause:
      "The schema changed since the file was written; validating it against the current schema would report every change as an error, so the file gets this one diagnostic instead. A file is recognised as older by its `schema_version` (1.2.0 and later), by the legacy `version:` marker of 1.0.0 and 1.1.0 files, or, without either, by another file of the set that carries one (1.0.0 files could omit the marker).",
    fix: "Run `switchyard migrate --check` to see the path, then `switchyard migrate --auto` to upgrade the whole set (comments are kept, a backup is taken).",
  },
  {
    code: "SY1023",
    name: "future-schema-version",
    title: "The file is written for a newer schema than this Switchyard knows.",
    severity: "error",
    cause:
      "Another (newer) Switchyard wrote or migrated this file. This version leaves it untouched rather than misread it.",
    fix: "Upgrade Switchyard: `npm i -g @switchyard/cli@latest`.",
  },
  {
    code: "SY1030",
    name: "unknown-key",
    title: "A key the schema does not define.",
    severity: "error",
    cause:
      "Usually a typo (`base_ur`, `fallback`) or a key from another version. Tools that ignore unknown keys let such typos silently do nothing; LiteLLM itself drops unknown router settings. Switchyard reports them with the nearest valid key.",
    fix: "Rename the key to the suggestion, or remove it. `switchyard schema` writes the JSON Schema with every valid key.",
  },
  {
    code: "SY1031",
    name: "missing-key",
    title: "A required key is missing.",
    severity: "error",
    cause:
      "The entry lacks a key the schema requires (a provider without `type` or `base_url`, a service without `port`).",
    fix: "Add the key named in the message to the marked entry.",
  },
  {
    code: "SY1032",
    name: "wrong-type",
    title: "A value has the wrong type.",
    severity: "error",
    cause:
      'YAML types values by how they look: `"4000"` is a string, `4000` a number, `yes` a string in YAML 1.2.',
    fix: "Write the value in the type the message names (remove quotes around numbers, use `true`/`false` for switches).",
  },
  {
    code: "SY1033",
    name: "invalid-value",
    title: "A value is not one of the allowed choices.",
    severity: "error",
    cause:
      "The field takes a fixed set of values (a provider `type`, a `status`, a routing strategy) and the value is not one of them.",
    fix: "Use one of the values listed in the hint; the suggestion names the closest.",
  },
  {
    code: "SY1034",
    name: "out-of-range",
    title: "A number or list is outside its allowed range.",
    severity: "error",
    cause:
      "Ports run 1–65535, percentages 0–100, weights and timeouts must be positive, and some lists need at least one item.",
    fix: "Use a value inside the range the message names.",
  },
  {
    code: "SY1035",
    name: "invalid-format",
    title: "A string is not in the required format.",
    severity: "error",
    cause:
      "URLs need a scheme and host, dates are ISO 8601, patterns are globs (never regular expressions), ids use letters, digits, `.`, `_` and `-`.",
    fix: "Rewrite the value as the hint shows.",
  },
  {
    code: "SY1036",
    name: "schema-violation",
    title: "The value breaks a schema rule.",
    severity: "error",
    cause: "A rule of the schema that has no more specific code.",
    fix: "Read the field's description in the JSON Schema (`switchyard schema`).",
  },
  {
    code: "SY1037",
    name: "duplicate-entry",
    title: "An entry is listed twice.",
    severity: "error",
    cause: "The same model name appears twice in one provider's `models` list, so one of them is dead.",
    fix: "Remove the repeated entry.",
  },
  {
    code: "SY1040",
    name: "literal-secret",
    title: "A secret is written literally instead of as an environment reference.",
    severity: "warning",
    cause:
      "A key in a config file ends up in version control, backups and logs. The file still loads (so the leak is reported rather than hidden behind a parse error), and `switchyard audit` rates it critical.",
    fix: "Put the key in an environment variable and write `api_key: os.environ/OPENAI_API_KEY`. Rotate the key if the file was ever committed or shared.",
  },
  {
    code: "SY1041",
    name: "unexpanded-env-syntax",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal `${VAR}` syntax is what this entry is about
    title: "`${VAR}` or `$VAR` is not expanded by LiteLLM.",
    severity: "warning",
    cause:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal `${VAR}` syntax is what this entry is about
      "LiteLLM resolves only values of the form `os.environ/NAME`; `${NAME}` is passed on literally and fails at request time.",
    fix: "Write `os.environ/NAME`.",
  },
  {
    code: "SY1042",
    name: "yaml-warning",
    title: "The YAML parser warned about this construct.",
    severity: "warning",
    cause: "A construct that parses but is probably not what was meant (an unknown tag, a deprecated form).",
    fix: "Rewrite the construct in plain YAML.",
  },
  {
    code: "SY1043",
    name: "unexportable-env-reference",
    title: "An `os.environ/` reference names a variable no shell can export.",
    severity: "error",
    cause:
      "LiteLLM resolves `os.environ/NAME` by reading the variable NAME. A name with a `-`, a `.`, a leading digit or nothing at all (`os.environ/per-provider`) can never be exported, so the value is always empty. LiteLLM then falls back to its own default: for an `openai/` deployment with an `api_base`, the `OPENAI_API_KEY` of the proxy, sent to that third-party server. A variable that is merely unset where `switchyard validate` runs is fine; a name that cannot exist is not.",
    fix: "Write `os.environ/NAME` with NAME made of letters, digits and `_`, not starting with a digit (`os.environ/VLLM_QWEN_API_KEY`), and export it where LiteLLM runs.",
    example: "api_key: os.environ/per-provider   # no shell can export per-provider",
  },
  {
    code: "SY1044",
    name: "unknown-router-setting",
    title: "A `router_settings` key is not an argument of LiteLLM's Router, so LiteLLM drops it.",
    severity: "warning",
    cause:
      "The proxy passes `router_settings` to its Router keeping only the Router's own arguments and drops every other key without a word, so a misspelt key (`num_retrys`, `routing_stratgy`) has no effect. The known keys are the arguments of `Router.__init__` (exported as `LITELLM_ROUTER_SETTINGS`).",
    fix: "Use the suggested name, or move the setting where LiteLLM reads it.",
    example: "router_settings:\n  num_retrys: 3   # num_retries",
  },
]);

/**
 * Every SY1xxx code: reading, parsing and validating files (SY1001–SY1044), safe writes (SY105x)
 * and suppressions (SY109x), so that `switchyard explain` and SARIF rules find each one.
 */
export const schemaCatalogue: Catalogue<SchemaCode> = mergeCatalogues<SchemaCode>(
  loadingCatalogue,
  safeWriteCatalogue,
  suppressionCatalogue,
);

/**
 * config-schema's codes (SY1xxx: loading, safe writes, suppressions) as a literal union: a code
 * outside the catalogue does not compile.
 */
export type SchemaCode =
  | CodeOf<typeof loadingCatalogue>
  | CodeOf<typeof safeWriteCatalogue>
  | CodeOf<typeof suppressionCatalogue>;

/** A config-schema finding: severity and default message from {@link schemaCatalogue}. */
export const schemaDiagnostic: DiagnosticFactory<SchemaCode> = diagnosticFactory(schemaCatalogue);
