import packageJson from "../package.json" with { type: "json" };

/** The server's version, from its package.json (inlined by the bundlers). */
export const SERVER_VERSION: string = packageJson.version;
