import type { CommandSpec } from "../../command.js";
import { configDirOption, dryRunOption, forceOption, jsonOption } from "../../options.js";

/** `switchyard backup`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "backup",
  summary: "Create, list, prune, verify and restore the backups of a config file.",
  description:
    "Every Switchyard write keeps the previous file as <file>.backup-YYYYMMDD_HHMMSS beside it. 'list' shows each backup of the file with its time and the retention rules that keep it; 'prune' deletes the backups no rule keeps (restic's forget semantics: the last N, the newest of each of the N most recent hours, days, ISO weeks, months and years that have backups; 'unlimited' (or --keep-daily=-1) keeps every period, 0 turns a rule off; default last 10, daily 7, weekly 4); 'verify' checks that the newest backup (--all: every one) parses and validates against its file's schema, and that a generated file's header is intact, exiting 1 if any fails; 'restore <name>' (or --latest) puts a backup back atomically, backing the current file up first, and refuses an invalid backup unless --force; 'create' makes a backup of the file now (--all: of every config file of the directory). 'switchyard generate' prunes with the default policy after every write.",
  positionals: [
    { name: "action", description: "create, list, prune, verify or restore.", required: true },
    {
      name: "name",
      description: "restore (without --latest): the backup's file name, or just its stamp (20261126_121500).",
    },
    {
      name: "dir",
      description:
        "Config directory, after the action (and restore's name); the same as --config-dir: 'backup list config'.",
    },
  ],
  options: {
    "config-dir": configDirOption("Config directory holding the file."),
    file: {
      type: "string",
      valueName: "file",
      description:
        "The file whose backups to work on: a name in the config directory (providers.yaml) or a path (with a /).",
      defaultText: "litellm-unified.yaml",
    },
    "keep-last": {
      type: "string",
      valueName: "n",
      description: "list, prune: keep the n newest backups.",
      defaultText: "10",
    },
    "keep-hourly": {
      type: "string",
      valueName: "n",
      description: "list, prune: keep the newest of each of n hours.",
    },
    "keep-daily": {
      type: "string",
      valueName: "n",
      description: "list, prune: keep the newest of each of n days.",
      defaultText: "7",
    },
    "keep-weekly": {
      type: "string",
      valueName: "n",
      description: "list, prune: keep the newest of each of n ISO weeks.",
      defaultText: "4",
    },
    "keep-monthly": {
      type: "string",
      valueName: "n",
      description: "list, prune: keep the newest of each of n months.",
    },
    "keep-yearly": {
      type: "string",
      valueName: "n",
      description: "list, prune: keep the newest of each of n years.",
    },
    "dry-run": dryRunOption("prune: say what would be removed; delete nothing."),
    all: {
      type: "boolean",
      description:
        "verify: every backup, not just the newest; create: back up every config file of the directory.",
    },
    latest: { type: "boolean", description: "restore: the newest backup." },
    force: forceOption("restore: restore a backup that fails verification."),
    json: jsonOption(),
  },
  examples: [
    {
      command: "switchyard backup create --all",
      description: "Back up every config file of ./config now",
    },
    {
      command: "switchyard backup list",
      description: "The backups of config/litellm-unified.yaml and why each is kept",
    },
    {
      command: "switchyard backup list infra/config --file providers.yaml",
      description: "The backups of a file of another config directory",
    },
    {
      command: "switchyard backup prune --keep-last 3 --keep-daily 7 --dry-run",
      description: "What a stricter policy would delete",
    },
    {
      command: "switchyard backup verify --all --file providers.yaml",
      description: "Check every backup of providers.yaml",
    },
    {
      command: "switchyard backup restore --latest",
      description: "Put the newest backup back (the current file is backed up first)",
    },
  ],
  load: () => import("./run.js"),
};
