import { findSecretsInValue, redactSecrets } from "@switchyard/config-schema/secrets";
import { formatYamlPath } from "@switchyard/config-schema/yaml";
import { isLoopbackHost, parseUrl } from "../../internal/net.js";
import { interestingStrings } from "../../internal/string-index.js";
import type { FindingDraft } from "../../types.js";
import { defineCheck, loadedFiles, notApplicable, ran } from "../define.js";

/** A quick test for the common loopback URL, before parsing it. */
const LOOPBACK_URL = /^http:\/\/(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(?:[:/]|$)/i;

/** Keys whose value is an address the stack connects to. */
const ADDRESS_KEY = /(?:url|base|endpoint|uri|host)$/i;

/** SY5105: plain `http://` to a host that is not this machine. */
export const plainHttpRemote = defineCheck({
  id: "SY5105",
  name: "plain-http-remote",
  category: "security",
  severity: "medium",
  title: "A connection uses plain http to a host that is not this machine.",
  cause:
    "Prompts, completions and API keys travel unencrypted to any host other than loopback (`localhost`, 127.0.0.0/8, `::1`; `host.docker.internal` counts as this machine). On a LAN or between containers anyone on the path can read them.",
  fix: "Use `https://` (put a TLS-terminating proxy in front of the backend), keep the backend on loopback, or, for a trusted private network, suppress the finding with the reason.",
  example: "providers:\n  gpu-box:\n    base_url: http://10.0.0.12:8001/v1   # https:// or a tunnel",
  run(context) {
    const files = loadedFiles(context).filter((f) => f.data !== undefined && f.kind !== "feature-flags");
    if (files.length === 0) return notApplicable("no providers, ports or LiteLLM file to read");
    const findings: FindingDraft[] = [];
    for (const file of files) {
      for (const { path, key, value, url: isUrl } of interestingStrings(file)) {
        if (
          !isUrl ||
          !value.startsWith("http://") ||
          LOOPBACK_URL.test(value) ||
          key === undefined ||
          !ADDRESS_KEY.test(key)
        )
          continue;
        const url = parseUrl(value);
        if (!url || isLoopbackHost(url.host)) continue;
        findings.push({
          file,
          path,
          message: `${formatYamlPath(path)} sends traffic unencrypted to ${url.host} (${redactSecrets(value, findSecretsInValue(value))})`,
        });
      }
    }
    return ran(findings);
  },
});
