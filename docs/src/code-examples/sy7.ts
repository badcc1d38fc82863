/** Checked examples of the feature-flag codes (SY7xxx): see run.ts. */
import type { CodeExample } from "./run.ts";

export const SY7_EXAMPLES: readonly CodeExample[] = [
  {
    code: "SY7001",
    what: "A flag name with a typo.",
    args: ["flags", "get", "semantic-cach", "--config-dir", "config"],
  },
  {
    code: "SY7002",
    what: "A rollout of 150 %.",
    args: ["flags", "rollout", "semantic-cache", "150", "--config-dir", "config"],
  },
  {
    code: "SY7004",
    what: 'An empty flag name (an unset shell variable: `switchyard flags enable "$FLAG"`).',
    args: ["flags", "enable", "", "--config-dir", "config"],
  },
  {
    code: "SY7005",
    what: "An empty user id (an unset shell variable).",
    args: ["flags", "whitelist", "add", "semantic-cache", "", "--config-dir", "config"],
  },
];
