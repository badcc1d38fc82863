/**
 * The ceiling of a test that drives real processes: a hang guard, not a time budget. Such tests
 * wait for events (a process exit, a line on stdout, a file appearing), never for an amount of
 * time, so they hold on a busy machine: fixed 60 s budgets failed at load 50–85 on 2 cores (#19).
 * This only ends a test that truly hangs. `SWITCHYARD_HANG_GUARD_MS` overrides it.
 */
export const HANG_GUARD_MS = Number(process.env.SWITCHYARD_HANG_GUARD_MS) || 30 * 60_000;

/**
 * Vitest settings for a file of process tests: every test and hook may run up to
 * {@link HANG_GUARD_MS}. Use as `vi.setConfig(processTestConfig)` before the tests.
 */
export const processTestConfig = { testTimeout: HANG_GUARD_MS, hookTimeout: HANG_GUARD_MS } as const;
