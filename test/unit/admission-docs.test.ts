/**
 * docs/admission.md against the code: each example policy parses, names the predicate types the
 * gate writes, reads fields the verdict predicate has, and holds (or not) for real predicates as
 * the controller would evaluate it; every media type, annotation and predicate type the page
 * names is one the code writes; the nightly re-gate examples are scheduled.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, evaluate } from '../../src/policy/index.js';
import {
  Annotation,
  BUNDLE_MEDIA_TYPE,
  BUNDLE_MEDIA_TYPE_PREFIX,
  DSSE_ENVELOPE_MEDIA_TYPE,
  INTOTO_PAYLOAD_TYPE,
  KYVERNO_MAX_REFERRERS,
  PredicateType,
  REFERRERS_WARN_AT,
  SIMPLE_SIGNING_MEDIA_TYPE,
  VERDICT_FIELDS,
  VERDICT_PREDICATE_TYPE,
} from '../../src/sign/index.js';
import { predicateOf } from '../helpers/verdict.js';
import type { ScanReport } from '../../src/core/index.js';
import {
  describePolicy,
  KYVERNO_BUNDLE_PREFIX,
  KYVERNO_MAX_BUNDLE_BYTES,
} from '../helpers/admission-models.js';

const doc = fs.readFileSync(path.join(import.meta.dirname, '../../docs/admission.md'), 'utf8');
const yamls = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
  (m) => YAML.parse(m[1]!) as Record<string, unknown>,
);
const policies = yamls.filter((y) => y.kind === 'ClusterPolicy' || y.kind === 'ClusterImagePolicy');

const DIGEST = 'sha256:4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b';

function report(critical: number): ScanReport {
  return {
    digest: DIGEST,
    scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.50.0' },
    status: 'Success',
    findings:
      critical > 0
        ? [
            {
              id: 'CVE-2024-0001',
              package: 'openssl',
              version: '3.0.1',
              severity: 'critical',
              links: [],
              cweIds: [],
            },
          ]
        : [],
    counts: { critical, high: 0, medium: 0, low: 0, unknown: 0 },
    fixable: 0,
  };
}

/** A verdict predicate as the gate writes it (through JSON, as the controller reads it). */
function predicate(opts: {
  critical: number;
  failOn: 'critical' | 'none';
  gatedOn: Date;
}): Record<string, unknown> {
  const policy = { ...DEFAULT_POLICY, failOn: opts.failOn, maxCounts: {}, allowlist: [] };
  const v = evaluate({ report: report(opts.critical) }, policy, opts.gatedOn);
  return JSON.parse(
    JSON.stringify(
      predicateOf({
        verdict: v,
        policy,
        digest: DIGEST,
        repository: 'harbor.example.com/proj/app',
        report: report(opts.critical),
        gatedOn: opts.gatedOn,
      }),
    ),
  ) as Record<string, unknown>;
}

describe('docs/admission.md policies', () => {
  const described = policies.map(describePolicy);

  it('cover each controller and version range the page promises', () => {
    expect(described.map((p) => [p.controller, p.format, p.keyless ? 'keyless' : 'key'])).toEqual([
      ['kyverno', 'SigstoreBundle', 'keyless'],
      ['kyverno', 'SigstoreBundle', 'key'],
      ['kyverno', 'Cosign', 'keyless'],
      ['policy-controller', 'bundle', 'keyless'],
      ['policy-controller', 'legacy', 'key'],
    ]);
  });

  it('name the verdict predicate type and read only fields the predicate has', () => {
    const real = predicate({ critical: 0, failOn: 'critical', gatedOn: new Date() });
    for (const p of described) {
      expect(p.attestations.map((a) => a.type)).toEqual([VERDICT_PREDICATE_TYPE]);
      const fields = p.attestations.flatMap((a) => a.fields);
      expect(new Set(fields), p.name).toEqual(new Set(['verdict', 'gatedOn', 'countsAfterWaivers.critical']));
      for (const f of fields) {
        expect(VERDICT_FIELDS, `${p.name}: ${f}`).toContain(f.split('.')[0]);
        let cur: unknown = real;
        for (const part of f.split('.')) cur = (cur as Record<string, unknown>)[part];
        expect(cur, `${p.name}: ${f}`).toBeDefined();
      }
    }
  });

  it('admit a fresh pass with no unwaived critical, and refuse a fail, an old pass and an unwaived critical', () => {
    const now = new Date('2026-09-01T12:00:00Z');
    const day = 86_400_000;
    const cases = {
      fresh: predicate({ critical: 0, failOn: 'critical', gatedOn: new Date(now.getTime() - day) }),
      failed: predicate({ critical: 1, failOn: 'critical', gatedOn: new Date(now.getTime() - day) }),
      old: predicate({ critical: 0, failOn: 'critical', gatedOn: new Date(now.getTime() - 8 * day) }),
      // A pass under a policy that does not fail on criticals: the cluster still refuses it.
      critical: predicate({ critical: 1, failOn: 'none', gatedOn: new Date(now.getTime() - day) }),
    };
    expect(cases.critical.verdict).toBe('pass');
    for (const p of described) {
      const check = p.attestations[0]!.check;
      expect(check(cases.fresh, now), p.name).toBeUndefined();
      expect(check(cases.failed, now), p.name).toMatch(/verdict/);
      expect(check(cases.old, now), p.name).toMatch(/gatedOn/);
      expect(check(cases.critical, now), p.name).toMatch(/countsAfterWaivers\.critical/);
    }
  });

  it('keep the controllers\u2019 rules: bundle policies keyless except Kyverno 1.19+, legacy for keys on policy-controller', () => {
    for (const y of policies) {
      if (y.kind !== 'ClusterImagePolicy') continue;
      const auth = (y.spec as { authorities: Record<string, unknown>[] }).authorities[0]!;
      if (auth.signatureFormat === 'bundle') expect(auth.keyless).toBeDefined();
      if (auth.key) expect(auth.signatureFormat).toBeUndefined();
    }
    const keyBundle = described.find((p) => p.format === 'SigstoreBundle' && p.key !== undefined)!;
    expect(keyBundle.name).toBe('harbor-gate-sigstorebundle-key');
    expect(doc).toContain('### Kyverno 1.19+, `SigstoreBundle`, key');
  });
});

describe('docs/admission.md names what the code writes', () => {
  it('every media type, annotation and predicate type on the page is one the code uses', () => {
    const written = new Set<string>([
      BUNDLE_MEDIA_TYPE,
      BUNDLE_MEDIA_TYPE_PREFIX,
      DSSE_ENVELOPE_MEDIA_TYPE,
      SIMPLE_SIGNING_MEDIA_TYPE,
      INTOTO_PAYLOAD_TYPE,
      'application/vnd.cyclonedx+json',
      'application/spdx+json',
    ]);
    expect(KYVERNO_BUNDLE_PREFIX).toBe(BUNDLE_MEDIA_TYPE_PREFIX);
    const mediaTypes = [...doc.matchAll(/`(application\/[^`]+)`/g)].map((m) => m[1]!);
    expect(mediaTypes.length).toBeGreaterThan(5);
    for (const t of mediaTypes) expect(written, t).toContain(t);
    const annotations = [...doc.matchAll(/`(dev\.sigstore\.[^`]+|predicateType)`/g)].map((m) => m[1]!);
    for (const a of annotations) expect(Object.values(Annotation) as string[], a).toContain(a);
    expect(annotations).toEqual(
      expect.arrayContaining([Annotation.PredicateType, Annotation.Certificate, Annotation.RekorBundle]),
    );
    const predicateTypes = [...doc.matchAll(/`(https:\/\/[^`]+)`/g)].map((m) => m[1]!);
    for (const t of predicateTypes) expect(Object.values(PredicateType) as string[], t).toContain(t);
    expect(new Set(predicateTypes)).toEqual(
      new Set([
        PredicateType.CosignSign,
        VERDICT_PREDICATE_TYPE,
        PredicateType.CosignVuln,
        PredicateType.CycloneDx,
        PredicateType.Spdx,
        PredicateType.OpenVex,
      ]),
    );
  });

  it('the limits it states are the ones the gate and the models use', () => {
    expect(doc).toContain(`more than ${KYVERNO_MAX_REFERRERS}`);
    expect(doc).toContain(`${REFERRERS_WARN_AT} referrers or more`);
    expect(doc).toContain(`**${KYVERNO_MAX_BUNDLE_BYTES / 1024 / 1024} MB**`);
  });

  it('the nightly re-gate examples are scheduled and re-gate without --source', () => {
    const gh = yamls.find((y) => y.name === 'nightly re-gate') as {
      on: { schedule: { cron: string }[] };
      jobs: { regate: { steps: { with?: Record<string, string> }[] } };
    };
    expect(gh.on.schedule[0]!.cron).toMatch(/^\S+ \S+ \* \* \*$/);
    const step = gh.jobs.regate.steps.find((s) => s.with?.image)!;
    expect(step.with!['attest-scan']).toBe('true');
    expect(step.with!.source).toBeUndefined();
    const gl = yamls.find((y) => 'regate' in y) as {
      regate: { rules: { if: string }[]; script: string[] };
    };
    expect(gl.regate.rules[0]!.if).toContain('$CI_PIPELINE_SOURCE == "schedule"');
    expect(gl.regate.script.join('\n')).toMatch(/harbor-gate@0\.1\.0 gate --image "\$image" .*--attest-scan/);
    expect(gl.regate.script.join('\n')).not.toContain('--source');
  });
});
