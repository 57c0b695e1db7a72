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
/**
 * SBOM-looking referrers examined (manifest read) at most per command, signed attestations and
 * unsigned artifacts together; the rest are reported as not examined.
 */
export const MAX_SBOM_CANDIDATES = 8;
/**
 * SBOM bytes (documents and attestation bundles) read at most per command: one SBOM at the 64 MiB
 * cap (or several small ones), not 32 of them. A candidate whose size (from its descriptor) would
 * pass what is left is not downloaded.
 */
export const SBOM_READ_BUDGET_BYTES = 64 * 1024 * 1024;
const MAX_REFERRER_MANIFEST_BYTES = 4 * 1024 * 1024;

/** What one command may still spend on SBOM referrers: shared by every SBOM lookup of the command. */
export interface SbomReadBudget {
  /** Candidates still to examine. */
  candidates: number;
  /** Bytes still to read. */
  bytes: number;
  /** Counted: candidates examined, and blobs and bytes downloaded (for tests and benches). */
  examined: number;
  downloads: number;
  bytesRead: number;
}

export function sbomReadBudget(
  candidates: number = MAX_SBOM_CANDIDATES,
  bytes: number = SBOM_READ_BUDGET_BYTES,
): SbomReadBudget {
  return { candidates, bytes, examined: 0, downloads: 0, bytesRead: 0 };
}

/**
 * Referrers newest first by their `org.opencontainers.image.created` annotation (from the listing,
 * before any download); those without a valid one last, in listing order.
 */
export function newestFirst<T extends Descriptor>(list: readonly T[]): T[] {
  const time = (d: Descriptor): number => {
    const t = Date.parse(d.annotations?.['org.opencontainers.image.created'] ?? '');
    return Number.isFinite(t) ? t : -Infinity;
  };
  return list
    .map((d, i) => ({ d, i, t: time(d) }))
    .sort((a, b) => (b.t === a.t ? a.i - b.i : b.t > a.t ? 1 : -1))
    .map((x) => x.d);
}

/** Take `size` bytes from the budget, or say why not (nothing is taken then). */
export function spend(budget: SbomReadBudget, size: number): string | undefined {
  if (size > budget.bytes) {
    return `not examined: reading its ${size} bytes would pass the ${SBOM_READ_BUDGET_BYTES} byte SBOM read budget of this command (${budget.bytes} left)`;
  }
  budget.bytes -= size;
  budget.downloads++;
  budget.bytesRead += size;
  return undefined;
}

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
  /** The command's SBOM read budget (default: a fresh one). */
  budget?: SbomReadBudget;
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
  const budget = opts.budget ?? sbomReadBudget();
  const rejected: SbomReferrerCheck[] = [];
  // Filtered by artifact type from the listing, then tried newest first.
  for (const d of newestFirst(referrers.filter((r) => looksLikeSbom(r) !== undefined))) {
    const kind = looksLikeSbom(d) ?? 'artifact';
    if (budget.candidates <= 0) {
      rejected.push({
        digest: d.digest,
        artifactType: cleanText(d.artifactType ?? '', 200),
        kind,
        ok: false,
        reason: `not examined: at most ${MAX_SBOM_CANDIDATES} SBOM referrers are examined per command`,
      });
      continue;
    }
    const check = await checkSbomReferrer(repo, d, digest, opts.maxBytes, budget);
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
  budget: SbomReadBudget = sbomReadBudget(),
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
    budget.candidates--;
    budget.examined++;
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
    const over = spend(budget, layer.size);
    if (over !== undefined) return fail(over);
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
