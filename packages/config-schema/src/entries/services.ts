/**
 * `@switchyard/config-schema/services`: the roles a ports.yaml service plays (the gateway, Redis), decided
 * in one place.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export { isGatewayService, isRedisService } from "../services/roles.js";
