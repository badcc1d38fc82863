// @ts-check
/**
 * An esbuild plugin for `import text from "./file?raw"`: the file's text as the default export, as
 * Vite (and so vitest) does. The server inlines its admin page's files this way, so they ship inside
 * whichever bundle holds the server (its own dist and the CLI's `serve` chunk) with no build step of
 * their own.
 * @type {import("esbuild").Plugin}
 */
export const rawText = {
  name: "raw-text",
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, async (args) => {
      const { resolve } = await import("node:path");
      // The path keeps its `?raw`, so no other plugin's `\.css$` or `\.js$` filter claims it.
      return {
        path: `${resolve(args.resolveDir, args.path.slice(0, -"?raw".length))}?raw`,
        namespace: "raw-text",
      };
    });
    build.onLoad({ filter: /.*/, namespace: "raw-text" }, async (args) => {
      const { readFile } = await import("node:fs/promises");
      return { contents: await readFile(args.path.slice(0, -"?raw".length), "utf8"), loader: "text" };
    });
  },
};
