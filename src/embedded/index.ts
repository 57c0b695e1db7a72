/** The embedded services (registry, Harbor-compatible server) and the demo: for the demo command and the tests, never the gate. */
export * from './demo.js';
