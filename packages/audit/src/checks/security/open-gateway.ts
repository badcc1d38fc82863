import { entriesOf, field, stringField } from "@switchyard/config-schema/data";
import { isWildcardHost } from "@switchyard/config-schema/hosts";
import { isGatewayService } from "@switchyard/config-schema/services";
import type { FindingDraft } from "../../types.js";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

/** SY5106: the gateway binds every interface while the proxy enforces no authentication. */
export const openGateway = defineCheck({
  id: "SY5106",
  name: "open-gateway",
  category: "security",
  severity: "critical",
  title: "The gateway listens on all interfaces without authentication.",
  cause:
    "A service of `ports.yaml` that is the gateway (its id contains `litellm`, `gateway` or `proxy`, or it expects a `litellm` process) binds `0.0.0.0` or `::`, and `litellm-unified.yaml` has no `master_key`. Anyone who can reach the machine can use every model, and the provider keys behind them, for free.",
  fix: "Set `general_settings.master_key: os.environ/LITELLM_MASTER_KEY`, or bind the gateway to `127.0.0.1` (`host: 127.0.0.1` in ports.yaml) and put an authenticating reverse proxy in front of it.",
  example:
    "services:\n  litellm:\n    port: 4000\n    host: 0.0.0.0   # and no master_key in litellm-unified.yaml",
  run(context) {
    const ports = parsedFile(context, "ports");
    if (!ports) return notApplicable("no ports.yaml");
    const gateways = entriesOf(dataOf(ports).services).filter(([id, service]) =>
      isGatewayService(id, service),
    );
    if (gateways.length === 0) return notApplicable("ports.yaml declares no gateway service");
    const litellm = parsedFile(context, "litellm");
    if (!litellm) return notApplicable("no litellm-unified.yaml to tell whether authentication is enforced");
    const key = field(dataOf(litellm).general_settings, "master_key");
    if (typeof key === "string" && key.trim() !== "") return ran([]);
    const findings: FindingDraft[] = [];
    for (const [id, service] of gateways) {
      const host = stringField(service, "host");
      if (host === undefined || !isWildcardHost(host)) continue;
      findings.push({
        file: ports,
        path: ["services", id, "host"],
        message: `Gateway service '${id}' listens on ${host} and the proxy has no master_key: anyone who can reach port ${String(field(service, "port"))} can use it`,
      });
    }
    return ran(findings);
  },
});
