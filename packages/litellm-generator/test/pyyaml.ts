import { spawnSync } from "node:child_process";
import { requireTools } from "@switchyard/test-utils";

/**
 * Load YAML files with PyYAML's `yaml.safe_load`, the loader LiteLLM reads its config with, in one
 * `python3` process. Values come back as JSON with the types JSON cannot tell apart tagged, so that
 * a comparison sees every change PyYAML would: an integral float is `{"$float": "5.0"}` (never equal
 * to the int 5), a date `{"$date": "2024-01-31"}`, an integer beyond 2^53 `{"$int": "..."}`, a
 * non-string mapping key `"$key:int:1"`, bytes `{"$binary": "<base64>"}`, a set `{"$set": [...]}`.
 * A file PyYAML refuses gives `{ error }`.
 */
export type PyYamlResult = { readonly data: unknown } | { readonly error: string };

const SCRIPT = `
import base64, datetime, json, math, sys
import yaml

def conv(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v if abs(v) <= 2**53 else {"$int": str(v)}
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v) or v.is_integer():
            return {"$float": repr(v)}
        return v
    if isinstance(v, (datetime.date, datetime.datetime)):
        return {"$date": v.isoformat()}
    if isinstance(v, bytes):
        return {"$binary": base64.b64encode(v).decode()}
    if isinstance(v, list):
        return [conv(x) for x in v]
    if isinstance(v, set):
        return {"$set": sorted((conv(x) for x in v), key=json.dumps)}
    if isinstance(v, dict):
        return {(k if isinstance(k, str) else "$key:%s:%r" % (type(k).__name__, k)): conv(x) for k, x in v.items()}
    return {"$other": repr(v)}

out = []
for path in sys.argv[1:]:
    try:
        with open(path, "rb") as f:
            out.append({"data": conv(yaml.safe_load(f))})
    except Exception as e:
        out.append({"error": "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")})
print(json.dumps(out))
`;

/**
 * Load each file with PyYAML. A test that calls it runs through test-utils' `testNeeding(["pyyaml"])`
 * or `describeNeeding(["pyyaml"])` (fails under CI when PyYAML is missing, skips elsewhere); called
 * anyway without PyYAML, it throws test-utils' own reason and install command.
 */
export function loadWithPyYaml(paths: readonly string[]): PyYamlResult[] {
  requireTools("pyyaml");
  const run = spawnSync("python3", ["-c", SCRIPT, ...paths], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error || run.status !== 0)
    throw new Error(`PyYAML failed on ${paths.join(", ")}: ${run.error?.message ?? run.stderr.trim()}`);
  return JSON.parse(run.stdout) as PyYamlResult[];
}
