export * from './server.js';
export * from './scanner.js';
export * from './token.js';
export * from './fixtures.js';
