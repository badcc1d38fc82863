/** The version `switchyard --version` prints: the package version at build time, `0.0.0-source` from source. */
export const VERSION: string =
  typeof __SWITCHYARD_VERSION__ === "string" && __SWITCHYARD_VERSION__ !== ""
    ? __SWITCHYARD_VERSION__
    : "0.0.0-source";
