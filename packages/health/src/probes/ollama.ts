import { down, modelsOutcome } from "./outcome.js";
import { excerpt, getStep, joinUrl, originOf, record } from "./request.js";
import type { HttpTarget, ProbeContext, ProbeOutcome, ProbeStep } from "./types.js";

/** Ollama names a model without a tag `name:latest`. */
export function ollamaModelKey(name: string): string {
  const base = name.includes("/") ? name.slice(name.lastIndexOf("/") + 1) : name;
  return base.includes(":") ? name : `${name}:latest`;
}

/**
 * Ollama: `GET /api/version` (`{version}`), then `GET /api/tags` (`{models: [{name, model, …}]}`),
 * whose models are compared with the ones providers.yaml lists (`llama3.1:8b`; a name without a
 * tag means `:latest`). Models Ollama has beyond those are normal, not a problem.
 */
export async function probeOllama(target: HttpTarget, context: ProbeContext): Promise<ProbeOutcome> {
  const steps: ProbeStep[] = [];
  const origin = originOf(target.url);
  const version = await getStep(steps, joinUrl(origin, "/api/version"), context);
  if (!version.ok)
    return down(
      steps,
      `${version.reason}: Ollama is not answering`,
      version.refused
        ? "Start it (`ollama serve`, or `systemctl start ollama`) and check OLLAMA_HOST."
        : undefined,
    );
  if (version.status !== 200)
    return down(steps, `GET /api/version answered ${version.status} ${excerpt(version.body)}`.trim());
  const versionText = record(version.json)?.version;
  const tags = await getStep(steps, joinUrl(origin, "/api/tags"), context);
  if (!tags.ok) return down(steps, `GET /api/tags: ${tags.reason}`);
  if (tags.status !== 200)
    return down(steps, `GET /api/tags answered ${tags.status} ${excerpt(tags.body)}`.trim());
  const list = record(tags.json)?.models;
  if (!Array.isArray(list))
    return down(steps, "GET /api/tags did not answer {models: [...]}: is this Ollama?");
  const served = list.flatMap((m) => {
    const name = record(m)?.name ?? record(m)?.model;
    return typeof name === "string" ? [name] : [];
  });
  return modelsOutcome(steps, served, target.expectedModels, {
    normalize: ollamaModelKey,
    unexpectedIsProblem: false,
    ...(typeof versionText === "string" ? { version: versionText } : {}),
    fix: (missing) => missing.map((m) => `ollama pull ${m}`).join("; "),
  });
}
