/** Options, resolved once for every command and both adapters, from the one flag table (core/flags.ts). */
export * from './options.js';
