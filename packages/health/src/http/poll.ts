import { setTimeout as sleep } from "node:timers/promises";

/** One attempt of a {@link poll}: done with a value, or not yet with a reason. */
export type Attempt<T> =
  | { readonly done: true; readonly value: T }
  | { readonly done: false; readonly reason: string; readonly fatal?: boolean };

/** The end of a {@link poll}. */
export type PollResult<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | { readonly ok: false; readonly reason: string; readonly attempts: number; readonly timedOut: boolean };

/**
 * Run `attempt` until it is done, fails fatally, or `timeoutMs` has passed (at least one attempt
 * is always made), pausing `intervalMs` between attempts. `attempt` receives the time left. What
 * the reload's health gates wait with.
 */
export async function poll<T>(
  attempt: (remainingMs: number) => Promise<Attempt<T>>,
  options: { readonly timeoutMs: number; readonly intervalMs: number; readonly now: () => number },
): Promise<PollResult<T>> {
  const deadline = options.now() + options.timeoutMs;
  let attempts = 0;
  for (;;) {
    attempts++;
    const result = await attempt(Math.max(1, deadline - options.now()));
    if (result.done) return { ok: true, value: result.value, attempts };
    const left = deadline - options.now();
    if (result.fatal === true || left <= 0) {
      return { ok: false, reason: result.reason, attempts, timedOut: result.fatal !== true };
    }
    await sleep(Math.min(options.intervalMs, left));
  }
}
