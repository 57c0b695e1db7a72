/** Options, resolved once for every command and both adapters, from the one flag table. */
export * from './flags.js';
export * from './options.js';
