import type { ChildProcess } from "node:child_process";

/** A running stand-in. */
export interface StandIn {
  readonly pid: number;
  readonly port: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Options of {@link startBackend}. */
export interface BackendOptions {
  readonly port?: number;
  readonly host?: string;
  readonly models?: readonly string[];
  readonly apiKey?: string;
  readonly loadingMs?: number | "forever";
  readonly busy?: boolean;
  readonly failHealth?: boolean;
  /** The process name (`ollama serve`, `python3 -m llama_cpp.server`, ...). */
  readonly title?: string;
}

/** Options of {@link startGateway}. */
export interface GatewayOptions {
  readonly port?: number;
  /** healthy (default), never-ready, drop-model=<name>. */
  readonly behaviour?: string;
  /** The environment (the master key variable the config names). */
  readonly env?: Readonly<Record<string, string>>;
}

export const BACKEND: string;
export const FAKE_LITELLM: string;
/** Stop every stand-in still running. */
export function stopAll(): Promise<void>;
/** A command named `name` that runs node (its comm is `name`). */
export function nodeNamed(name: string): Promise<string>;
/** Start a model-server stand-in speaking `kind`'s API. */
export function startBackend(
  kind: "ollama" | "vllm" | "llamacpp" | "llamacpp-python",
  options?: BackendOptions,
): Promise<StandIn>;
/** Start the LiteLLM stand-in on a generated config file. */
export function startGateway(configPath: string, options?: GatewayOptions): Promise<StandIn>;
/** A free TCP port (a hint). */
export function freePort(): Promise<number>;
/** Start a real redis-server on a free loopback port. */
export function startRedis(options?: { readonly password?: string }): Promise<StandIn>;
