export * from './client.js';
export * from './retry.js';
export * from './proxy.js';
