/** The gate's public face: the steps, the roles, the session that wires them, and the result model. */
export {
  runGate,
  runSteps,
  prepareInputs,
  initialFacts,
  configErrorRun,
  type GateDeps,
  type PreparedInputs,
} from './run.js';
export { openSession, explicitTrust, type Session, type SessionDeps } from './session.js';
export * from './steps.js';
export { decide, headline, gateJson, type RunFacts } from './result.js';
export { verdictPredicate } from './publish.js';
export { readVexInputs, vexEvaluateInput, vexFromImageStep, type VexRun } from './vex.js';
export type * from './roles.js';
export type * from './types.js';
export { STEP_NAMES } from './types.js';
