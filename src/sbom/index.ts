export * from './load.js';
export * from './attach.js';
export * from './find.js';
