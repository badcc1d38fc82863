import * as z from "zod";
import { description, httpUrl, identifier, schemaVersion } from "./common.js";

export const ServiceSchema = z
  .strictObject({
    port: z.number().int().min(1).max(65535).describe("TCP or UDP port the service listens on."),
    protocol: z.enum(["tcp", "udp"]).optional().describe("Transport protocol (default `tcp`)."),
    host: z.string().min(1).optional().describe("Address the service binds (default `127.0.0.1`)."),
    required: z
      .boolean()
      .optional()
      .describe("Whether the stack cannot work without this service (default false)."),
    health_url: httpUrl.optional().describe("URL that answers 2xx when the service is healthy."),
    expected_processes: z
      .array(z.string().min(1))
      .optional()
      .describe("Process names expected to own the port (matched against comm and cmdline)."),
    depends_on: z.array(identifier).optional().describe("Services that must be up before this one starts."),
    providers: z
      .array(identifier)
      .optional()
      .describe(
        "Ids of providers in `providers.yaml` that this service hosts; their `base_url` port must match.",
      ),
    description: description.optional(),
  })
  .describe("One network service of the stack.");

export const PortsFileSchema = z
  .strictObject({
    schema_version: schemaVersion,
    services: z.record(identifier, ServiceSchema).describe("Services by id."),
  })
  .describe("ports.yaml: the stack's services, their ports and health checks.");

export type Service = z.infer<typeof ServiceSchema>;
export type PortsFile = z.infer<typeof PortsFileSchema>;
