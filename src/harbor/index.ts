export * from './client.js';
export * from './report.js';
export * from './settings.js';
