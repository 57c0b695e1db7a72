export { DEFAULT_POLICY, mergePolicy, parseAllowlistFile, parsePolicyFile } from './parse.js';
export {
  dedupe,
  evaluate,
  expiryInstant,
  findingKey,
  severityRank,
  zeroCounts,
  EXPIRY_WARNING_DAYS,
} from './evaluate.js';
export { buildFixPlan, effectiveFix } from './fixplan.js';
export { compareVersions, maxVersion, parseRange, satisfies } from './version.js';
export type { Comparator, Operator, VersionRange } from './version.js';
export { FAIL_ON_VALUES } from './types.js';
export type * from './types.js';
