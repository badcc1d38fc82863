/** The CLI's version, defined by tsup at build time; undefined when running from source (tests). */
declare const __SWITCHYARD_VERSION__: string | undefined;

/** Config templates (`src/templates/*.yaml`), inlined as text by esbuild's text loader and vitest's plugin. */
declare module "*.yaml" {
  const text: string;
  export default text;
}
