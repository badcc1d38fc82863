import { describeNetworkError } from "../http/http-get.js";
import { type RespReply, redisCommands } from "../resp/resp.js";
import { down } from "./outcome.js";
import type { ProbeContext, ProbeOutcome, ProbeStep, RedisTarget } from "./types.js";

function show(reply: RespReply | undefined): string {
  if (!reply) return "no reply";
  if (reply.type === "simple") return `+${reply.value}`;
  if (reply.type === "error") return `-${reply.value.split(" ")[0]}`;
  return reply.type;
}

/**
 * Redis over RESP: `AUTH` first when a password is configured, then `PING` (`+PONG`) and
 * `INFO server` for the version. `-NOAUTH` means a password is required; `-WRONGPASS` that the
 * one given is refused; `-LOADING` that it is loading its dataset.
 */
export async function probeRedis(target: RedisTarget, context: ProbeContext): Promise<ProbeOutcome> {
  const steps: ProbeStep[] = [];
  const auth =
    target.password?.value !== undefined
      ? [["AUTH", ...(target.username ? [target.username] : []), target.password.value]]
      : [];
  const commands = [...auth, ["PING"], ["INFO", "server"]];
  const start = context.now();
  let replies: RespReply[];
  try {
    replies = await redisCommands(target.host, target.port, commands, { timeoutMs: context.timeoutMs });
  } catch (error) {
    const reason = describeNetworkError(error);
    steps.push({ name: "PING", outcome: reason, latencyMs: Math.round(context.now() - start) });
    return down(
      steps,
      `${reason}: Redis is not answering`,
      (error as { code?: unknown }).code === "ECONNREFUSED"
        ? "Start redis-server (`systemctl start redis-server`)."
        : undefined,
    );
  }
  const latencyMs = Math.round(context.now() - start);
  const authReply = auth.length > 0 ? replies[0] : undefined;
  const ping = replies[auth.length];
  const info = replies[auth.length + 1];
  if (authReply) steps.push({ name: "AUTH", outcome: show(authReply), latencyMs });
  steps.push({ name: "PING", outcome: show(ping), latencyMs });
  const version =
    info?.type === "bulk" && info.value !== null
      ? /^redis_version:(.+)$/m.exec(info.value)?.[1]?.trim()
      : undefined;
  const versionField = version ? { version } : {};
  if (authReply?.type === "error") {
    return {
      status: "unauthorized",
      reason: `Redis refused the password in ${target.password!.env} (${authReply.value.split(" ")[0]})`,
      hint: `Export ${target.password!.env} with the password Redis requires (requirepass, or the ACL user's).`,
      retryable: false,
      steps,
    };
  }
  if (ping?.type === "simple" && ping.value === "PONG")
    return {
      status: "healthy",
      reason: `PONG${version ? ` (Redis ${version})` : ""}`,
      retryable: false,
      steps,
      ...versionField,
    };
  const error = ping?.type === "error" ? ping.value : "";
  if (error.startsWith("NOAUTH")) {
    return {
      status: "unauthorized",
      reason: `Redis requires a password${target.password ? `, and ${target.password.env} is not set` : ", and none is configured"}`,
      hint: target.password
        ? `Export ${target.password.env}.`
        : "Add `password: os.environ/REDIS_PASSWORD` to the cache settings (LiteLLM also reads REDIS_PASSWORD) and export it.",
      retryable: false,
      steps,
    };
  }
  if (error.startsWith("LOADING"))
    return {
      status: "loading",
      reason: "Redis is loading its dataset into memory",
      retryable: false,
      steps,
      ...versionField,
    };
  return down(
    steps,
    `PING answered ${error ? `-${error}` : show(ping)}`,
    error.startsWith("DENIED")
      ? "Redis is in protected mode: bind it to loopback or set a password."
      : undefined,
  );
}
