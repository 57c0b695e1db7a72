/**
 * The shared vocabulary: severities, findings, scan reports, durations, defaults, the version, and
 * the neutralising of outside text, the error codes. Every other folder may import it; it imports nothing of ours
 * but errors.ts.
 */
export * from './findings.js';
export * from './duration.js';
export * from './defaults.js';
export * from './text.js';
export * from './clock.js';
export * from './run.js';
export * from './digest.js';
export * from './suggest.js';
export * from './color.js';
export * from './files.js';
export * from './flags.js';
export * from './host.js';
export * from './error-codes.js';
export * from './deadline.js';
export * from './cancel.js';
export * from './ci.js';
