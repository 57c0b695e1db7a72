/**
 * Finding an SBOM that really is one among an image's referrers. Anyone with push rights can
 * write a referrer whose artifactType says "SBOM": it counts only when its blob is within the size
 * bound, parses, and validates as the SBOM format it claims (the same checks as `--sbom` files).
 * Every referrer is judged on its own; a rejected one is listed with its reason, never thrown.
 */
import { cleanText, isValidDigest } from '../core/index.js';
import { GateError, describe } from '../errors.js';
import { listReferrers, type Descriptor, type Repository } from '../oci/index.js';
import { loadSbom, type SbomFormat } from '../sbom/index.js';
import { Annotation, BUNDLE_MEDIA_TYPE_PREFIX } from './formats.js';
import { SBOM_PREDICATE_TYPES, checkStatement } from './statement.js';

/** artifactTypes of unsigned SBOM referrers (oras / attach-sbom / cosign / Harbor's own). */
export const SBOM_ARTIFACT_TYPES: ReadonlySet<string> = new Set([
  'application/spdx+json',
  'application/spdx3+json',
  'application/vnd.cyclonedx+json',
  'text/spdx+json',
  'application/vnd.goharbor.harbor.sbom.v1',
  'application/vnd.dev.cosign.artifact.sbom.v1+json',
]);

/** The default bound on one SBOM referrer's blob read into memory. */
export const DEFAULT_REFERRER_SBOM_MAX_BYTES = 64 * 1024 * 1024;
/** SBOM-looking referrers examined at most (the rest are reported as not examined). */
export const MAX_SBOM_CANDIDATES = 32;
const MAX_REFERRER_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface SbomReferrerCheck {
  /** The referrer manifest digest. */
  digest: string;
  artifactType: string;
  /** 'artifact': the SBOM document is the layer; 'attestation': an in-toto predicate in a bundle. */
  kind: 'artifact' | 'attestation';
  ok: boolean;
  /** "valid <format>" or why it was rejected (cleaned, bounded). */
  reason: string;
  format?: SbomFormat;
}

export interface FindSbomResult {
  /** The first referrer that holds a valid SBOM; null when none does. */
  sbom: { digest: string; format: SbomFormat; artifactType: string; kind: 'artifact' | 'attestation' } | null;
  /** Every SBOM-looking referrer that was rejected, with its reason. */
  rejected: SbomReferrerCheck[];
}

export interface FindSbomOptions {
  /** Bound on one blob read into memory (default 64 MiB). */
  maxBytes?: number;
  /** The referrers, when the caller has listed them already. */
  referrers?: readonly Descriptor[];
}

/** Is this referrer one that claims to be an SBOM (artifact or SBOM attestation)? */
export function looksLikeSbom(d: Descriptor): 'artifact' | 'attestation' | undefined {
  const at = d.artifactType ?? '';
  if (SBOM_ARTIFACT_TYPES.has(at)) return 'artifact';
  if (at.startsWith(BUNDLE_MEDIA_TYPE_PREFIX)) {
    const pt = d.annotations?.[Annotation.BundlePredicateType];
    if (pt !== undefined && SBOM_PREDICATE_TYPES.has(pt)) return 'attestation';
  }
  return undefined;
}

/**
 * The SBOM of `digest` in `repo`: the first SBOM-looking referrer whose document validates.
 * Attestations are checked for their subject and SBOM content here, not for their signature
 * (verifyImage does that).
 */
export async function findValidSbom(
  repo: Repository,
  digest: string,
  opts: FindSbomOptions = {},
): Promise<FindSbomResult> {
  const referrers = opts.referrers ?? (await listReferrers(repo, digest));
  const rejected: SbomReferrerCheck[] = [];
  let examined = 0;
  for (const d of referrers) {
    const kind = looksLikeSbom(d);
    if (kind === undefined) continue;
    if (examined >= MAX_SBOM_CANDIDATES) {
      rejected.push({
        digest: d.digest,
        artifactType: cleanText(d.artifactType ?? '', 200),
        kind,
        ok: false,
        reason: `not examined: more than ${MAX_SBOM_CANDIDATES} SBOM referrers`,
      });
      continue;
    }
    examined++;
    const check = await checkSbomReferrer(repo, d, digest, opts.maxBytes);
    if (check.ok && check.format) {
      return {
        sbom: {
          digest: check.digest,
          format: check.format,
          artifactType: check.artifactType,
          kind: check.kind,
        },
        rejected,
      };
    }
    rejected.push(check);
  }
  return { sbom: null, rejected };
}

/** Judge one SBOM-looking referrer. Never throws for what the referrer holds. */
export async function checkSbomReferrer(
  repo: Repository,
  d: Descriptor,
  subjectDigest: string,
  maxBytes: number = DEFAULT_REFERRER_SBOM_MAX_BYTES,
): Promise<SbomReferrerCheck> {
  const kind = looksLikeSbom(d) ?? 'artifact';
  const base = { digest: d.digest, artifactType: cleanText(d.artifactType ?? '', 200), kind };
  const fail = (reason: string): SbomReferrerCheck => ({
    ...base,
    ok: false,
    reason: cleanText(reason, 1000),
  });
  try {
    if (d.size > MAX_REFERRER_MANIFEST_BYTES) return fail(`the referrer manifest is ${d.size} bytes`);
    const m = await repo.fetchManifest(d.digest);
    if (!m) return fail('the referrer manifest is gone');
    const layers = layersOf(m.bytes);
    if (typeof layers === 'string') return fail(layers);
    const candidates =
      kind === 'attestation'
        ? layers.filter((l) => l.mediaType.startsWith(BUNDLE_MEDIA_TYPE_PREFIX))
        : layers.filter((l) => l.mediaType !== 'application/vnd.oci.empty.v1+json');
    if (candidates.length !== 1) {
      return fail(
        `the referrer has ${candidates.length} ${kind === 'attestation' ? 'bundle' : 'content'} layers, expected exactly one`,
      );
    }
    const layer = candidates[0]!;
    if (layer.size > maxBytes)
      return fail(`the SBOM is ${layer.size} bytes, over the ${maxBytes} byte limit`);
    const bytes = await repo.fetchBlob(layer, maxBytes);
    const doc = kind === 'attestation' ? predicateOf(bytes, subjectDigest) : bytes;
    if (typeof doc === 'string') return fail(doc);
    const sbom = await loadSbom(doc, { maxBytes, maxErrors: 3 });
    return { ...base, ok: true, reason: `valid ${sbom.format}`, format: sbom.format };
  } catch (e) {
    return fail(e instanceof GateError ? `${e.code}: ${e.message}` : describe(e));
  }
}

/** The layers of a manifest, each a well-formed descriptor, or why not. */
export function layersOf(bytes: Buffer): Descriptor[] | string {
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'the referrer manifest is not JSON';
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return 'the referrer manifest is not an object';
  const layers = (doc as { layers?: unknown }).layers;
  if (!Array.isArray(layers)) return 'the referrer manifest has no layers list';
  const out: Descriptor[] = [];
  for (const l of layers as unknown[]) {
    if (typeof l !== 'object' || l === null) return 'a layer of the referrer manifest is not an object';
    const o = l as Record<string, unknown>;
    if (typeof o.mediaType !== 'string') return 'a layer of the referrer manifest has no media type';
    if (typeof o.digest !== 'string' || !isValidDigest(o.digest))
      return 'a layer of the referrer manifest has an invalid digest';
    if (typeof o.size !== 'number' || !Number.isSafeInteger(o.size) || o.size < 0)
      return 'a layer of the referrer manifest has an invalid size';
    const d: Descriptor = { mediaType: o.mediaType, digest: o.digest, size: o.size };
    if (typeof o.annotations === 'object' && o.annotations !== null && !Array.isArray(o.annotations)) {
      const ann: Record<string, string> = {};
      for (const [k, v] of Object.entries(o.annotations)) if (typeof v === 'string') ann[k] = v;
      d.annotations = ann;
    }
    out.push(d);
  }
  return out;
}

/** The SBOM predicate of an attestation bundle about `subjectDigest` (not its signature), or why not. */
function predicateOf(bytes: Buffer, subjectDigest: string): Buffer | string {
  let bundle: unknown;
  try {
    bundle = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'the attestation bundle is not JSON';
  }
  const rawEnv: unknown =
    typeof bundle === 'object' && bundle !== null
      ? (bundle as { dsseEnvelope?: unknown }).dsseEnvelope
      : undefined;
  const env = rawEnv as { payload?: unknown; payloadType?: unknown } | null | undefined;
  if (typeof env !== 'object' || env === null || typeof env.payload !== 'string') {
    return 'the attestation bundle has no DSSE envelope';
  }
  const payload = Buffer.from(env.payload, 'base64');
  const st = checkStatement(typeof env.payloadType === 'string' ? env.payloadType : '(none)', payload, {
    digest: subjectDigest,
    predicateTypes: [...SBOM_PREDICATE_TYPES],
  });
  if (!st.ok) return st.reason;
  if (typeof st.statement.predicate !== 'object' || st.statement.predicate === null) {
    return 'the attestation has no SBOM predicate';
  }
  return Buffer.from(JSON.stringify(st.statement.predicate));
}
