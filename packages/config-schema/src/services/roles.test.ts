import { expect, test } from "vitest";
import { isGatewayService, isRedisService } from "./roles.js";

test("the gateway is named by its id or its expected process; Redis by `redis` or redis-server", () => {
  expect(isGatewayService("litellm", {})).toBe(true);
  expect(isGatewayService("edge-proxy", undefined)).toBe(true);
  expect(isGatewayService("front", { expected_processes: ["LiteLLM"] })).toBe(true);
  expect(isGatewayService("ollama", { expected_processes: ["ollama"] })).toBe(false);
  expect(isGatewayService("front", { expected_processes: "litellm" })).toBe(false);
  expect(isRedisService("redis", {})).toBe(true);
  expect(isRedisService("cache", { expected_processes: ["redis-server"] })).toBe(true);
  expect(isRedisService("cache", { expected_processes: ["valkey-server"] })).toBe(false);
});
