import { loadConfigText } from "@switchyard/config-schema";
import { expect, test } from "vitest";
import { findPortClaims, portClaimDiagnostics } from "./conflicts.js";

const ports = (services: string) =>
  loadConfigText("ports", `schema_version: "2.0.0"\nservices:\n${services}`, "config/ports.yaml");

test("two services on one host and port clash; different hosts do not; a wildcard host overlaps all", () => {
  const file = ports(
    [
      "  vllm-a: {port: 8001}",
      "  vllm-b: {port: 8001, host: 127.0.0.1}",
      "  other: {port: 9000, host: 10.0.0.1}",
      "  another: {port: 9000, host: 10.0.0.2}",
      "  all: {port: 7000, host: 0.0.0.0}",
      "  local: {port: 7000, host: 127.0.0.1}",
      "  dns: {port: 7000, protocol: udp}",
      "",
    ].join("\n"),
  );
  expect(file.diagnostics).toEqual([]);
  expect(findPortClaims(file).map((c) => [c.port, c.services])).toEqual([
    [8001, ["vllm-a", "vllm-b"]],
    [7000, ["all", "local"]],
  ]);
});

test("each clash is one located diagnostic naming the other service", () => {
  const file = ports("  a: {port: 8001}\n  b:\n    port: 8001\n");
  const [d] = portClaimDiagnostics(file);
  expect(d?.code).toBe("SY6001");
  expect(d?.range?.start).toMatchObject({ line: 3, column: 13 });
  expect(d?.related?.[0]?.range?.start).toMatchObject({ line: 5, column: 11 });
});
