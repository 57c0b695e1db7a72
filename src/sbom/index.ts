export * from './load.js';
export * from './attach.js';
