import { down } from "./outcome.js";
import { excerpt, getStep } from "./request.js";
import type { HttpTarget, ProbeContext, ProbeOutcome, ProbeStep } from "./types.js";

/** A service's `health_url` from ports.yaml: any 2xx is healthy. */
export async function probeHealthUrl(target: HttpTarget, context: ProbeContext): Promise<ProbeOutcome> {
  const steps: ProbeStep[] = [];
  const fetched = await getStep(steps, target.url, context);
  if (!fetched.ok) return down(steps, `${fetched.reason}: not answering`);
  if (fetched.status >= 200 && fetched.status < 300)
    return { status: "healthy", reason: `answered ${fetched.status}`, retryable: false, steps };
  return down(steps, `answered ${fetched.status} ${excerpt(fetched.body)}`.trim());
}
