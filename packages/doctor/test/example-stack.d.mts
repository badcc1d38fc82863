import type { StandIn } from "../../health/test/stand-ins.mjs";

export const EXAMPLE_CONFIG: string;
export const MASTER_KEY_ENV: string;

/** Options of {@link startExampleStack}. */
export interface ExampleStackOptions {
  /** Service ids left stopped: their port stays free. */
  readonly without?: readonly string[];
  /** Service id → the models its stand-in serves instead of the configured ones. */
  readonly models?: Readonly<Record<string, readonly string[]>>;
  /** The LiteLLM stand-in's behaviour (never-ready, drop-model=<name>). */
  readonly gateway?: string;
  readonly masterKey?: string;
}

/** A running example stack. */
export interface ExampleStack {
  readonly root: string;
  readonly configDir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly ports: ReadonlyMap<number, number>;
  readonly standIns: readonly StandIn[];
  /** The services of ports.yaml with a listener (`running`) and without one (`free`), in file order. */
  readonly services: { readonly running: readonly string[]; readonly free: readonly string[] };
  stop(): Promise<unknown>;
}

/** Start the example stack with stand-ins (see example-stack.mjs). */
export function startExampleStack(options?: ExampleStackOptions): Promise<ExampleStack>;
