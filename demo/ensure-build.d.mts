/** Why `dist/` needs a build, or null when it is up to date. */
export function staleReason(): string | null;
/** Runs `npm run build` when needed. Returns true when it built; throws when the build fails. */
export function ensureBuilt(options?: { quiet?: boolean; strict?: boolean }): boolean;
