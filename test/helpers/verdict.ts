/**
 * A verdict predicate as the gate writes it, for tests that need one without a whole run: the
 * facts decided into a run record (gate's decide()), rendered by gate's verdictPredicate.
 */
import type { ScanReport } from '../../src/core/index.js';
import { decide, initialFacts, verdictPredicate } from '../../src/gate/index.js';
import type { Policy, Verdict } from '../../src/policy/index.js';
import { policyDigest, type VerdictPredicate } from '../../src/sign/index.js';

export function predicateOf(input: {
  verdict: Verdict;
  policy: Policy;
  digest: string;
  /** host/repository */
  repository: string;
  report?: ScanReport;
  gatedOn: Date;
}): VerdictPredicate {
  const facts = initialFacts(
    { image: `${input.repository}:gated`, policy: input.policy, reportOnly: false },
    input.gatedOn,
  );
  const record = decide({
    ...facts,
    digest: input.digest,
    evaluation: input.verdict,
    ...(input.report ? { scan: input.report } : {}),
  });
  if (record.verdict === 'error') throw new Error('a decided run has no error');
  return verdictPredicate({ ...record, verdict: record.verdict }, policyDigest(input.policy));
}
