/** The repository root. */
export declare const ROOT: string;
/** Where declarations.mjs writes (`<this>/packages/<name>/src/**.d.ts`). */
export declare const DECLARATIONS: string;
/** `.d.ts` text → the same declarations for CommonJS (relative `.js` specifiers → `.cjs`). */
export declare function toCommonJs(text: string): string;
/** Ships one library's declarations into its dist/ as `.d.ts` and `.d.cts`; returns how many. */
export declare function shipDeclarations(packageDir: string): number;
