/**
 * Models of what the admission controllers people run select and check, from their published
 * code and docs (docs/admission.md names the sources), driven by the policies in
 * docs/admission.md. A model is not the controller: the cryptography is harbor-gate's own
 * verifier standing in for sigstore-go / cosign; what is modelled is the selection: which
 * referrers or tags are read, artifactType prefix, payload type, exact predicate type match, the
 * 50-referrer and 10 MB limits, keyless-only rules, and the policy's conditions over the predicate.
 */
import { listReferrers } from '../../src/oci/referrers.js';
import { MediaType } from '../../src/oci/types.js';
import type { Repository } from '../../src/oci/registry.js';
import {
  Annotation,
  DSSE_ENVELOPE_MEDIA_TYPE,
  PredicateType,
  SIMPLE_SIGNING_MEDIA_TYPE,
  SignatureVerifier,
  legacyAttestationTag,
  legacySignatureTag,
  loadTrustedRoot,
  type InTotoStatement,
} from '../../src/sign/index.js';

export const KYVERNO_BUNDLE_PREFIX = 'application/vnd.dev.sigstore.bundle';
export const KYVERNO_MAX_REFERRERS = 50;
export const KYVERNO_MAX_BUNDLE_BYTES = 10 * 1024 * 1024;

/** A check over the predicate: undefined when it holds, else why not. */
type Check = (predicate: Record<string, unknown>, now: Date) => string | undefined;

export interface DescribedPolicy {
  name: string;
  controller: 'kyverno' | 'policy-controller';
  /** Kyverno verifyImages type; policy-controller signatureFormat ('bundle' or 'legacy'). */
  format: 'SigstoreBundle' | 'Cosign' | 'bundle' | 'legacy';
  keyless?: { subject: string; issuer: string };
  key?: string;
  attestations: { type: string; fields: string[]; check: Check }[];
}

function get(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const p of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function durationMs(v: string): number {
  const m = /^(\d+)h$/.exec(v);
  if (!m) throw new Error(`unsupported duration ${v}`);
  return Number(m[1]) * 3_600_000;
}

/** Kyverno's conditions, for the forms the docs use ('{{ path }}' and time_since). */
function kyvernoCheck(conditions: { key: string; operator: string; value: unknown }[]): {
  fields: string[];
  check: Check;
} {
  const fields: string[] = [];
  const checks: Check[] = conditions.map((c) => {
    const since = /^\{\{\s*time_since\('', ([A-Za-z0-9_.]+), ''\)\s*\}\}$/.exec(c.key);
    const plain = /^\{\{\s*([A-Za-z0-9_.]+)\s*\}\}$/.exec(c.key);
    if (since) {
      fields.push(since[1]!);
      if (c.operator !== 'DurationLessThanOrEquals') throw new Error(`operator ${c.operator}`);
      const max = durationMs(String(c.value));
      return (p, now) => {
        const t = Date.parse(String(get(p, since[1]!)));
        if (!Number.isFinite(t)) return `${since[1]} is not a time`;
        return now.getTime() - t <= max ? undefined : `${since[1]} is older than ${String(c.value)}`;
      };
    }
    if (plain) {
      fields.push(plain[1]!);
      if (c.operator !== 'Equals') throw new Error(`operator ${c.operator}`);
      // Kyverno compares the JMESPath result with the value, numbers and strings alike.
      return (p) =>
        String(get(p, plain[1]!)) === String(c.value)
          ? undefined
          : `${plain[1]} is ${JSON.stringify(get(p, plain[1]!))}, not ${String(c.value)}`;
    }
    throw new Error(`unsupported condition key ${c.key}`);
  });
  return { fields, check: (p, now) => checks.map((f) => f(p, now)).find((r) => r !== undefined) };
}

/** The Rego lines the docs use, each turned into a check; any other line is an error. */
function regoCheck(rego: string, predicateType: string): { fields: string[]; check: Check } {
  const lines = rego
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const fields: string[] = [];
  const checks: Check[] = [];
  let maxAge: number | undefined;
  for (const l of lines) {
    let m: RegExpExecArray | null;
    if (l === 'package sigstore' || l === 'default isCompliant = false' || l === 'isCompliant {' || l === '}')
      continue;
    if ((m = /^max_age_ns := ([\d\s*]+)$/.exec(l))) {
      maxAge = m[1]!.split('*').reduce((a, b) => a * Number(b.trim()), 1);
      continue;
    }
    if ((m = /^input\.predicateType == "(.+)"$/.exec(l))) {
      const want = m[1]!;
      checks.push(() => (want === predicateType ? undefined : `predicateType is not ${want}`));
      continue;
    }
    if ((m = /^input\.predicate\.([A-Za-z0-9_.]+) == (.+)$/.exec(l))) {
      const path = m[1]!;
      const want = JSON.parse(m[2]!) as unknown;
      fields.push(path);
      checks.push((p) =>
        get(p, path) === want ? undefined : `${path} is ${JSON.stringify(get(p, path))}, not ${m![2]}`,
      );
      continue;
    }
    if (
      (m =
        /^time\.now_ns\(\) - time\.parse_rfc3339_ns\(input\.predicate\.([A-Za-z0-9_.]+)\) <= max_age_ns$/.exec(
          l,
        ))
    ) {
      const path = m[1]!;
      fields.push(path);
      checks.push((p, now) => {
        const t = Date.parse(String(get(p, path)));
        if (!Number.isFinite(t) || maxAge === undefined) return `${path} is not a time`;
        return (now.getTime() - t) * 1e6 <= maxAge ? undefined : `${path} is too old`;
      });
      continue;
    }
    throw new Error(`unsupported Rego line: ${l}`);
  }
  return { fields, check: (p, now) => checks.map((f) => f(p, now)).find((r) => r !== undefined) };
}

interface KyvernoEntry {
  keyless?: { subject: string; issuer: string };
  keys?: { publicKeys: string };
}

/** Read a Kyverno ClusterPolicy or a policy-controller ClusterImagePolicy as the docs write them. */
export function describePolicy(doc: Record<string, unknown>): DescribedPolicy {
  const name = String(get(doc, 'metadata.name'));
  if (doc.kind === 'ClusterPolicy') {
    const vi = (get(doc, 'spec.rules') as { verifyImages: Record<string, unknown>[] }[])[0]!.verifyImages[0]!;
    const entry = (vi.attestors as { entries: KyvernoEntry[] }[])[0]!.entries[0]!;
    const atts = vi.attestations as {
      type: string;
      attestors: { entries: KyvernoEntry[] }[];
      conditions: { all: { key: string; operator: string; value: unknown }[] }[];
    }[];
    return {
      name,
      controller: 'kyverno',
      format: vi.type as 'SigstoreBundle' | 'Cosign',
      ...(entry.keyless ? { keyless: entry.keyless } : {}),
      ...(entry.keys ? { key: entry.keys.publicKeys } : {}),
      attestations: atts.map((a) => ({ type: a.type, ...kyvernoCheck(a.conditions.flatMap((c) => c.all)) })),
    };
  }
  if (doc.kind === 'ClusterImagePolicy') {
    const auth = (get(doc, 'spec.authorities') as Record<string, unknown>[])[0]!;
    const keyless = auth.keyless as { identities: { subject: string; issuer: string }[] } | undefined;
    const atts = auth.attestations as { predicateType: string; policy: { type: string; data: string } }[];
    return {
      name,
      controller: 'policy-controller',
      format: auth.signatureFormat === 'bundle' ? 'bundle' : 'legacy',
      ...(keyless ? { keyless: keyless.identities[0]! } : {}),
      ...(auth.key ? { key: (auth.key as { data: string }).data } : {}),
      attestations: atts.map((a) => {
        if (a.policy.type !== 'rego') throw new Error(`policy type ${a.policy.type}`);
        return { type: a.predicateType, ...regoCheck(a.policy.data, a.predicateType) };
      }),
    };
  }
  throw new Error(`not an admission policy: ${String(doc.kind)}`);
}

export interface ModelVerdict {
  admit: boolean;
  /** Why it refused, or what it accepted. */
  reasons: string[];
  /** What the selection rules kept, for the report. */
  read: { referrers?: number; bundles?: number; sigLayers?: number; attLayers?: number };
}

export interface ModelContext {
  repo: Repository;
  digest: string;
  now: Date;
  /** Kyverno version (major, minor) for its version rules. */
  kyvernoVersion?: [number, number];
  /** The real key (the policy's PEM is a placeholder) and the trusted root for keyless. */
  publicKeyPem?: string;
  trustedRoot?: string | object;
}

async function verifierFor(p: DescribedPolicy, ctx: ModelContext): Promise<SignatureVerifier> {
  if (p.key !== undefined) return new SignatureVerifier({ key: ctx.publicKeyPem! });
  const trustedRoot = await loadTrustedRoot({ trustedRoot: ctx.trustedRoot! });
  return new SignatureVerifier({ trustedRoot, identity: p.keyless!.subject, issuer: p.keyless!.issuer });
}

interface Judged {
  statement: InTotoStatement;
}

function decide(
  p: DescribedPolicy,
  signatures: number,
  statements: Judged[],
  now: Date,
  read: ModelVerdict['read'],
): ModelVerdict {
  const reasons: string[] = [];
  if (signatures === 0) reasons.push('no image signature verifies with the policy\u2019s identity');
  for (const a of p.attestations) {
    const matching = statements.filter((s) => s.statement.predicateType === a.type);
    if (matching.length === 0) {
      reasons.push(`no verified attestation of type ${a.type}`);
      continue;
    }
    const why = matching.map((s) => a.check((s.statement.predicate ?? {}) as Record<string, unknown>, now));
    if (!why.includes(undefined)) reasons.push(`${a.type}: ${why.join('; ')}`);
  }
  return { admit: reasons.length === 0, reasons: reasons.length ? reasons : ['admitted'], read };
}

/** Kyverno `type: SigstoreBundle` (cpol/cosign/sigstore.go). */
async function kyvernoSigstoreBundle(p: DescribedPolicy, ctx: ModelContext): Promise<ModelVerdict> {
  const [maj, min] = ctx.kyvernoVersion ?? [1, 19];
  if (p.key !== undefined && (maj < 1 || (maj === 1 && min < 19)))
    return { admit: false, reasons: ['key-signed bundles are verified only from Kyverno 1.19'], read: {} };
  // Every referrer counts toward the limit, of any type.
  const referrers = await listReferrers(ctx.repo, ctx.digest);
  if (referrers.length > KYVERNO_MAX_REFERRERS)
    return {
      admit: false,
      reasons: [`more than ${KYVERNO_MAX_REFERRERS} referrers (${referrers.length})`],
      read: { referrers: referrers.length },
    };
  const bundles = referrers.filter((r) => (r.artifactType ?? '').startsWith(KYVERNO_BUNDLE_PREFIX));
  const verifier = await verifierFor(p, ctx);
  let signatures = 0;
  const statements: Judged[] = [];
  for (const r of bundles) {
    const m = await ctx.repo.fetchManifest(r.digest);
    const layer = (
      JSON.parse(m!.bytes.toString('utf8')) as {
        layers: { mediaType: string; digest: string; size: number }[];
      }
    ).layers[0]!;
    if (layer.size > KYVERNO_MAX_BUNDLE_BYTES) continue;
    const bytes = await ctx.repo.fetchBlob(layer, KYVERNO_MAX_BUNDLE_BYTES);
    const bundle = JSON.parse(bytes.toString('utf8')) as { dsseEnvelope?: { payloadType?: string } };
    if (bundle.dsseEnvelope?.payloadType !== 'application/vnd.in-toto+json') continue;
    const v = verifier.verifyBundle(bytes, ctx.digest);
    if (!v.ok || !v.statement) continue;
    if (v.statement.predicateType === PredicateType.CosignSign) signatures++;
    else statements.push({ statement: v.statement });
  }
  return decide(p, signatures, statements, ctx.now, { referrers: referrers.length, bundles: bundles.length });
}

/** The legacy tags as cosign's classic verifiers read them (Kyverno `Cosign`, policy-controller key). */
async function legacyTags(p: DescribedPolicy, ctx: ModelContext): Promise<ModelVerdict> {
  const verifier = await verifierFor(p, ctx);
  const layersOf = async (tag: string) => {
    const m = await ctx.repo.fetchManifest(tag, MediaType.OciManifest);
    return m
      ? (
          JSON.parse(m.bytes.toString('utf8')) as {
            layers: {
              mediaType: string;
              digest: string;
              size: number;
              annotations?: Record<string, string>;
            }[];
          }
        ).layers
      : [];
  };
  const sig = (await layersOf(legacySignatureTag(ctx.digest))).filter(
    (l) => l.mediaType === SIMPLE_SIGNING_MEDIA_TYPE,
  );
  const att = (await layersOf(legacyAttestationTag(ctx.digest))).filter(
    (l) => l.mediaType === DSSE_ENVELOPE_MEDIA_TYPE,
  );
  let signatures = 0;
  for (const l of sig) {
    const payload = await ctx.repo.fetchBlob(l);
    if (verifier.verifyLegacy({ payload, annotations: l.annotations ?? {} }, ctx.digest).ok) signatures++;
  }
  const statements: Judged[] = [];
  for (const l of att) {
    // The predicateType annotation selects the layer; the signed statement must agree.
    if (!p.attestations.some((a) => a.type === l.annotations?.[Annotation.PredicateType])) continue;
    const payload = await ctx.repo.fetchBlob(l);
    const v = verifier.verifyLegacyAttestation({ payload, annotations: l.annotations ?? {} }, ctx.digest);
    if (v.ok && v.statement) statements.push({ statement: v.statement });
  }
  return decide(p, signatures, statements, ctx.now, { sigLayers: sig.length, attLayers: att.length });
}

/** policy-controller `signatureFormat: bundle` (cosign GetBundles: every referrer, one bundle layer, v0.3+). */
async function policyControllerBundle(p: DescribedPolicy, ctx: ModelContext): Promise<ModelVerdict> {
  if (!p.keyless)
    return {
      admit: false,
      reasons: ['with signatureFormat: bundle the authority must be keyless'],
      read: {},
    };
  const referrers = await listReferrers(ctx.repo, ctx.digest);
  const verifier = await verifierFor(p, ctx);
  let signatures = 0;
  let bundles = 0;
  const statements: Judged[] = [];
  for (const r of referrers) {
    const m = await ctx.repo.fetchManifest(r.digest);
    if (!m) continue;
    const layers = (
      (
        JSON.parse(m.bytes.toString('utf8')) as {
          layers?: { mediaType: string; digest: string; size: number }[];
        }
      ).layers ?? []
    ).filter((l) => l.mediaType.startsWith(KYVERNO_BUNDLE_PREFIX));
    if (layers.length !== 1) continue;
    const bytes = await ctx.repo.fetchBlob(layers[0]!);
    const mt = (JSON.parse(bytes.toString('utf8')) as { mediaType?: string }).mediaType ?? '';
    if (!/v0\.[3-9]|version=0\.[3-9]/.test(mt)) continue;
    bundles++;
    const v = verifier.verifyBundle(bytes, ctx.digest);
    if (!v.ok || !v.statement) continue;
    if (v.statement.predicateType === PredicateType.CosignSign) signatures++;
    else statements.push({ statement: v.statement });
  }
  return decide(p, signatures, statements, ctx.now, { referrers: referrers.length, bundles });
}

/** policy-controller `enable-oci11`: only referrers whose artifactType contains "in-toto". */
export async function policyControllerOci11(ctx: ModelContext): Promise<ModelVerdict> {
  const referrers = await listReferrers(ctx.repo, ctx.digest);
  const found = referrers.filter((r) => (r.artifactType ?? '').includes('in-toto'));
  return {
    admit: false,
    reasons: [
      found.length === 0
        ? 'finds no attestation: no referrer has an artifactType containing "in-toto" (and those it finds are not verified)'
        : `returns ${found.length} attestation(s) without verifying their signatures`,
    ],
    read: { referrers: referrers.length },
  };
}

/** The model for a documented policy, over what is in the registry. */
export function judge(p: DescribedPolicy, ctx: ModelContext): Promise<ModelVerdict> {
  if (p.controller === 'kyverno')
    return p.format === 'SigstoreBundle' ? kyvernoSigstoreBundle(p, ctx) : legacyTags(p, ctx);
  return p.format === 'bundle' ? policyControllerBundle(p, ctx) : legacyTags(p, ctx);
}
