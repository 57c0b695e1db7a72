export * from './client.js';
export { parseJson, readLimited } from './body.js';
export * from './diagnose.js';
export * from './url.js';
export * from './retry.js';
export * from './proxy.js';
