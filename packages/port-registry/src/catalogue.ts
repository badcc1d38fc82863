import { type CodeOf, defineCatalogue } from "@switchyard/config-schema/diagnostics";

/**
 * SY6xxx: live port states (what `switchyard explain SY6010` prints). The static clash of two
 * services in ports.yaml, formerly SY6001 here, is consistency's SY2020 (which lists SY6001 as
 * its former code).
 */
export const portsCatalogue = defineCatalogue([
  {
    code: "SY6010",
    name: "port-conflict",
    title: "A service's port is held by a process that is not one of its expected processes.",
    severity: "error",
    cause:
      "Something else listens on the address and port ports.yaml registers for the service (another program, a second copy of a server, a container published through docker-proxy). The service cannot start there, or clients reach the wrong server.",
    fix: "Stop the process named, or move the service to a free port (`switchyard ports suggest <service>`), or, when the process is the service under another name, add that name to its `expected_processes`.",
    example:
      "services:\n  ollama: {port: 11434, expected_processes: [ollama]}   # but a python3 server holds 11434",
  },
  {
    code: "SY6011",
    name: "required-service-down",
    title: "A required service is not running.",
    severity: "error",
    cause:
      "ports.yaml marks the service `required: true`, and nothing of it listens on its port (or the port's owner cannot be seen). The stack cannot work without it.",
    fix: "Start the service (its systemd unit, container or command), then run `switchyard ports` again. If it runs elsewhere, check its `host` and `port`.",
    example: "services:\n  redis: {port: 6379, required: true}   # and redis-server is stopped",
  },
  {
    code: "SY6012",
    name: "port-owner-unknown",
    title: "A service's port is in use, but who holds it cannot be seen.",
    severity: "warning",
    cause:
      "The kernel lists a socket on the port, but the process behind it is hidden: it belongs to another user and Switchyard runs without privileges (their `/proc/<pid>/fd` answer EACCES), it runs in another PID namespace (a container's published port), or the system offers neither /proc nor lsof. The port is not free.",
    fix: "Run the check as root (`sudo switchyard ports`) or as the socket's user; for a container, `docker ps` shows which one publishes the port.",
  },
]);

/** The port registry's codes (SY6xxx), as a literal union: a code outside the catalogue does not compile. */
export type PortsCode = CodeOf<typeof portsCatalogue>;
