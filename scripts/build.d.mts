/** Builds dist/cli.mjs and its chunks (dist/cli/) into `outdir` (default: the repository's dist/). */
export function buildCli(outdir?: string): Promise<void>;
/** Builds dist/action.cjs into `outdir` (default: the repository's dist/). */
export function buildAction(outdir?: string): Promise<void>;
