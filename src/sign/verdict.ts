/**
 * The gate's verdict as a signed attestation, so a deploy step or an admission controller can
 * check the decision itself: predicate type https://harbor-gate.dev/attestation/verdict/v1 about
 * the image digest (the in-toto subject), with the verdict, the policy's digest, the counts, the
 * violations and the waivers with their sources, the scanner and the times. docs/vex.md has the
 * schema and Kyverno / policy-controller policies that check it.
 */
import crypto from 'node:crypto';
import { cleanText, type SeverityCounts } from '../core/index.js';
import type { Policy, Waiver } from '../policy/index.js';
import type { Repository } from '../oci/index.js';
import { attest, type AttestationResult, type AttestOptions } from './attest.js';
import {
  MAX_ATTESTATION_CANDIDATES,
  readAttestations,
  type AttestationTrust,
  type IgnoredAttestation,
} from './attestations.js';
import { PredicateType } from './statement.js';

export const VERDICT_PREDICATE_TYPE = PredicateType.GateVerdict;

/** The predicate's top-level fields, in the order written (docs/vex.md; the policy examples use them). */
export const VERDICT_FIELDS = [
  'verdict',
  'gatedOn',
  'image',
  'policy',
  'counts',
  'countsAfterWaivers',
  'violations',
  'waivers',
  'scanner',
  'scanFinishedOn',
  'harborGate',
] as const;

/**
 * A violation as every JSON output writes it (the run record's one shape, report/json.ts): the
 * finding's fields are null for a rule about the whole image.
 */
export interface VerdictViolation {
  rule: string;
  reason: string;
  id: string | null;
  package: string | null;
  version: string | null;
  fixVersion: string | null;
  severity: string | null;
  cvss: number | null;
  platforms: string[];
  count: number | null;
  limit: number | null;
}

/** A waiver as every JSON output writes it (report/json.ts). */
export interface VerdictWaiver {
  id: string;
  package: string;
  version: string;
  fixVersion: string | null;
  severity: string;
  cvss: number | null;
  platforms: string[];
  /** allowlist, harbor-project, harbor-system or vex */
  source: Waiver['source'];
  reason: string;
  expires: string | null;
  /** Allowlist: the file the entry came from. */
  file: string | null;
  entry: Record<string, unknown> | null;
  /** VEX: the statement (document, status, justification, ...). */
  vex: Record<string, unknown> | null;
}

export interface VerdictPredicate {
  verdict: 'pass' | 'fail';
  /** When the gate decided (RFC 3339, UTC). */
  gatedOn: string;
  image: { name: string; digest: string };
  /** sha256 of the canonical JSON of the effective policy (sorted keys, no spaces). */
  policy: { digest: string };
  counts: SeverityCounts;
  countsAfterWaivers: SeverityCounts;
  violations: VerdictViolation[];
  waivers: VerdictWaiver[];
  /** Present when a list was cut (a report's limit): how many were detailed and how many cut. */
  detail?: {
    violations: { shown: number; total: number; cut: number; cutBySeverity: SeverityCounts };
    waivers: { shown: number; total: number; cut: number; cutBySeverity: SeverityCounts };
  };
  scanner: { name: string; vendor: string; version: string } | null;
  scanFinishedOn: string | null;
  harborGate: { version: string };
}

/** JSON with object keys sorted at every level and no whitespace (RFC 8785 for our data). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object')
    return value === undefined ? 'null' : JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * sha256:<hex> of the canonical JSON of the effective policy. An allowlist entry's `source` (the
 * file name as given, kept for messages) is left out: one policy file named by another path, or
 * from another directory, is the same policy.
 */
export function policyDigest(policy: Policy): string {
  const effective = { ...policy, allowlist: policy.allowlist.map(({ source: _source, ...entry }) => entry) };
  return `sha256:${crypto.createHash('sha256').update(canonicalJson(effective)).digest('hex')}`;
}

/** Attach the verdict as a signed attestation (a cosign v3 bundle referrer). */
export async function attestVerdict(
  repo: Repository,
  digest: string,
  predicate: VerdictPredicate,
  opts: AttestOptions,
): Promise<AttestationResult> {
  return attest(repo, digest, VERDICT_PREDICATE_TYPE, predicate, opts);
}

export interface GateVerdictCheck {
  ok: boolean;
  /** Why it passed or failed, for the person deploying. */
  reason: string;
  /** The deciding verdict (the latest that verified), when one exists. */
  predicate?: VerdictPredicate;
  attestation?: { digest: string; signer: string | null; issuer: string | null; time: string };
  ignored: IgnoredAttestation[];
}

/** Clock skew tolerated between the predicate's gatedOn and the checked signing time. */
export const VERDICT_SKEW_MS = 5 * 60_000;

const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function shape(p: unknown, digest: string): string | undefined {
  const o = p as Partial<Record<(typeof VERDICT_FIELDS)[number], unknown>> | null;
  if (!o || typeof o !== 'object') return 'the predicate is not an object';
  // The gate writes the in-toto subject and image.digest from the same digest: a verdict whose
  // predicate is about another image was not decided for this one.
  const about = (o.image as { digest?: unknown } | null | undefined)?.digest;
  if (about !== digest) {
    return `the predicate is about ${typeof about === 'string' ? cleanText(about, 100) : 'no image digest'}, not ${digest}`;
  }
  if (o.verdict !== 'pass' && o.verdict !== 'fail') return 'the predicate has no verdict pass or fail';
  if (typeof o.gatedOn !== 'string' || !TIME_RE.test(o.gatedOn) || !Number.isFinite(Date.parse(o.gatedOn)))
    return 'the predicate has no valid gatedOn time';
  return undefined;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172_800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}

/**
 * The time a verdict counts from, epoch ms: its signed `gatedOn`, made older (never younger) by a
 * time @sigstore/verify verified for the signature. A verified log or TSA time proves only that
 * the signature existed by then: re-submitting an old envelope to a log gives a fresh, valid
 * entry, and an unverified `integratedTime` is anyone's to edit. So age = now − min(gatedOn,
 * verified time). Returns a reason instead when the two disagree: a verified time more than the
 * skew before `gatedOn` (signed before the gate ran), or a `gatedOn` in the future.
 */
export function verdictTime(
  gatedOn: string,
  verifiedTime: number | undefined,
  nowMs: number,
): { time: number } | { reason: string } {
  const gated = Date.parse(gatedOn);
  if (verifiedTime !== undefined && gated > verifiedTime + VERDICT_SKEW_MS) {
    return {
      reason: `gatedOn ${cleanText(gatedOn)} is after the verified signing time ${new Date(verifiedTime).toISOString()} (transparency log or timestamp authority): the signature cannot predate the gate's decision`,
    };
  }
  if (gated > nowMs + VERDICT_SKEW_MS) return { reason: `gatedOn ${cleanText(gatedOn)} is in the future` };
  return { time: verifiedTime === undefined ? gated : Math.min(gated, verifiedTime) };
}

/** verify --policy FILE: the policy the verdict must have been decided under, and its file's name. */
export interface RequiredPolicy {
  policy: Policy;
  file: string;
}

/**
 * `verify --require-gate-pass [--max-age] [--policy]`: the latest verdict attestation for
 * `digest` that verifies with `trust` must say pass and, with `maxAgeMs`, be younger than that;
 * with `policy`, it must have been decided under that policy (the same canonical digest). Its
 * time is `verdictTime`: the signed gatedOn, or an earlier time @sigstore/verify checked; a newer
 * fail (by that same time) outranks an older pass.
 *
 * What "latest" can promise: the verdicts this registry lists for the digest. On a registry
 * without the referrers API the list is the `sha256-<hex>` fallback index, which anyone with push
 * rights can rewrite to drop a newer fail; `--max-age` bounds how old the pass they leave can be.
 */
export async function verifyGateVerdict(
  repo: Repository,
  digest: string,
  trust: AttestationTrust,
  opts: { maxAgeMs?: number; now: Date; policy?: RequiredPolicy },
): Promise<GateVerdictCheck> {
  const nowMs = opts.now.getTime();
  const { verified, ignored, unread } = await readAttestations(repo, digest, trust, [VERDICT_PREDICATE_TYPE]);
  const out: IgnoredAttestation[] = [...ignored];
  let best: { p: VerdictPredicate; time: number; a: (typeof verified)[number] } | undefined;
  for (const a of verified) {
    const bad = shape(a.statement.predicate, digest);
    if (bad) {
      out.push({ digest: a.digest, reason: `signed, but ${bad}` });
      continue;
    }
    const p = a.statement.predicate as VerdictPredicate;
    const t = verdictTime(p.gatedOn, a.verifiedTime, nowMs);
    if ('reason' in t) {
      out.push({ digest: a.digest, reason: t.reason });
      continue;
    }
    // At the same time a fail outranks a pass: the order the registry lists them in is anyone's.
    const newer = !best || t.time > best.time || (t.time === best.time && p.verdict === 'fail');
    if (newer) best = { p, time: t.time, a };
  }
  if (!best) {
    const why = out.length > 0 ? `; ignored: ${out.map((i) => `${i.digest}: ${i.reason}`).join('; ')}` : '';
    return {
      ok: false,
      reason: `no gate verdict attestation for ${digest} verifies with the given trust${why}`,
      ignored: out,
    };
  }
  const { p, time, a } = best;
  const attestation = {
    digest: a.digest,
    signer: a.identity,
    issuer: a.issuer,
    time: new Date(time).toISOString(),
  };
  const base = { predicate: p, attestation, ignored: out };
  const age = nowMs - time;
  if (p.verdict !== 'pass') {
    const n = Array.isArray(p.violations) ? p.violations.length : 0;
    return {
      ...base,
      ok: false,
      reason: `the latest gate verdict for ${digest} is fail (${n} violation${n === 1 ? '' : 's'}, gated ${ago(age)} ago)`,
    };
  }
  if (unread > 0) {
    // Junk listed first can push a newer fail past the candidates read: the newest is unknown.
    return {
      ...base,
      ok: false,
      reason: `${digest} has more than ${MAX_ATTESTATION_CANDIDATES} verdict candidates (${unread} not read): the newest verdict cannot be told; delete the referrers that are not the gate's`,
    };
  }
  if (opts.policy) {
    const want = policyDigest(opts.policy.policy);
    const got = (p.policy as { digest?: unknown } | null | undefined)?.digest;
    if (got !== want) {
      const had = typeof got === 'string' ? cleanText(got, 100) : 'no policy digest';
      return {
        ...base,
        ok: false,
        reason: `the gate passed ${digest} under policy ${had}, not under --policy ${cleanText(opts.policy.file)} (${want})`,
      };
    }
  }
  if (opts.maxAgeMs !== undefined && age > opts.maxAgeMs) {
    return {
      ...base,
      ok: false,
      reason: `the gate passed ${digest} ${ago(age)} ago, older than --max-age ${ago(opts.maxAgeMs)}`,
    };
  }
  return {
    ...base,
    ok: true,
    reason: `the gate passed ${digest} ${ago(age)} ago (signed by ${a.identity ?? 'unknown'})`,
  };
}
