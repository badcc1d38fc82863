/** `import text from "./file?raw"`: the file's text (Vite in tests, the `?raw` esbuild plugin in builds). */
declare module "*?raw" {
  const text: string;
  export default text;
}
