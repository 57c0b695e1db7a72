export { runGate, type GateDeps } from './run.js';
export { gateJson } from './json.js';
export type * from './types.js';
