import type { CommandSpec } from "../../command.js";
import { configDirOption, jsonOption } from "../../options.js";

/** `switchyard flags`: what `--help` shows and how its arguments parse; the work is in `run.ts`. */
export const spec: CommandSpec = {
  name: "flags",
  summary: "List, inspect, evaluate and change feature flags.",
  description:
    "Works on the config directory's feature-flags.yaml through the file flag store: every change keeps the file's comments, blank lines and key order, bumps the flag's version, is checked against the version it was read at (a concurrent change is refused, never overwritten) and is written with a backup and an atomic replace. 'eval' answers in the legacy decision order (unknown, disabled, blacklist, whitelist, dates, rollout bucket) and applies FEATURE_<NAME>, FEATURE_<NAME>_ROLLOUT and FEATURE_<NAME>_WHITELIST from the environment, as the library does. Actions: list [--tag T] | get <flag> | eval <flag> --user U [--attr k=v ...] | enable <flag> | disable <flag> | rollout <flag> <percent> | whitelist add|remove <flag> <user> | blacklist add|remove <flag> <user>.",
  positionals: [
    {
      name: "action",
      description: "list, get, eval, enable, disable, rollout, whitelist or blacklist.",
      required: true,
    },
    { name: "arg", description: "The flag (or, for whitelist/blacklist, add or remove)." },
    { name: "arg2", description: "rollout: the percentage; whitelist/blacklist: the flag." },
    { name: "arg3", description: "whitelist/blacklist: the user id." },
    {
      name: "dir",
      description:
        "Config directory, after the action's arguments; the same as --config-dir: 'flags list config'.",
    },
  ],
  options: {
    "config-dir": configDirOption("Config directory holding feature-flags.yaml."),
    tag: { type: "string", valueName: "tag", description: "list: only flags with this tag." },
    user: {
      type: "string",
      short: "u",
      valueName: "id",
      description: "eval: the user id (OpenFeature's targetingKey).",
    },
    attr: {
      type: "string",
      valueName: "k=v",
      multiple: true,
      description: "eval: a context attribute (sessionId=..., or a property used as stickiness); repeatable.",
    },
    server: {
      type: "string",
      valueName: "url",
      description:
        "Act on a running switchyard-server (its /api/v1/features API) instead of the file; the token comes from --token-file or SWITCHYARD_TOKEN.",
    },
    "token-file": {
      type: "string",
      valueName: "file",
      description:
        "With --server: read the token from this file, which only its owner may read (mode 0600, as ssh demands of a key; a file open to group or others is refused). It wins over SWITCHYARD_TOKEN.",
    },
    token: {
      type: "string",
      valueName: "token",
      description:
        "Refused (exit 2): a token on the command line is visible to every user of the machine in ps and stays in the shell's history. Use --token-file or SWITCHYARD_TOKEN.",
    },
    json: jsonOption(),
  },
  examples: [
    { command: "switchyard flags list --tag routing", description: "The routing flags and their state" },
    {
      command: "switchyard flags eval new-router --user alice --attr plan=pro",
      description: "Is it on for alice, and why",
    },
    { command: "switchyard flags rollout new-router 25", description: "Roll out to a quarter of users" },
    {
      command: "switchyard flags whitelist add new-router qa-bot",
      description: "Give one user the flag now",
    },
    {
      command: "SWITCHYARD_TOKEN=… switchyard flags enable new-router --server http://flags.internal:4100",
      description: "Change the flag every replica of a server serves",
    },
    {
      command:
        "switchyard flags rollout new-router 50 --server http://flags.internal:4100 --token-file ~/.config/switchyard/token",
      description: "The same with the token in a file only you can read (chmod 600)",
    },
  ],
  load: () => import("./run.js"),
};
