/**
 * Legacy attestations: the `sha256-<hex>.att` tag as `cosign attest` writes it without the bundle
 * format (notes: one `application/vnd.dsse.envelope.v1+json` layer per attestation, annotated
 * with its predicateType and, keyless, the certificate, chain and Rekor bundle). Other layers are
 * kept; a layer of the same predicate type from the same signer is replaced (cosign's
 * `--replace`), so re-attesting does not grow the tag.
 */
import crypto from 'node:crypto';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import { MediaType, type Descriptor, type Repository } from '../oci/index.js';
import {
  Annotation,
  DSSE_ENVELOPE_MEDIA_TYPE,
  legacyAttestationTag,
  parseDsseEnvelope,
  type LegacyLayer,
} from './formats.js';
import { certificateSigner, type SignerIdentity } from './identity.js';
import { parsePemBlocks } from './keys.js';
import { pushLegacyTag } from './legacy-tag.js';
import { layersOf } from './sbom-find.js';

/** Same-signer checks that fetch a layer at most per write (a hostile tag may hold thousands). */
export const MAX_REPLACE_CHECKS = 64;
/** A `.att` layer (a DSSE envelope holding, e.g., an SBOM) is read up to this size. */
export const MAX_ATTESTATION_LAYER_BYTES = 32 * 1024 * 1024;

export interface LegacyAttestationWritten {
  /** The `.att` manifest digest. */
  digest: string;
  tag: string;
  /** The envelope layer's digest. */
  layer: string;
  /** Layers of the same predicate type by the same signer that were replaced. */
  replaced: number;
}

/** Whose a layer is: the keyless identity (from its certificate) or the holder of a public key. */
export interface LayerOwner {
  identity?: SignerIdentity;
  publicKey?: crypto.KeyObject;
}

/** DSSE pre-authentication encoding (what a DSSE signature signs). */
export function dssePae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `),
    type,
    Buffer.from(` ${payload.length} `),
    payload,
  ]);
}

/**
 * Whether an existing `.att` layer is `owner`'s: keyless, its certificate names the same identity
 * and issuer (not verified: replacing a forged layer that claims to be ours loses nothing);
 * key-based, its envelope carries a signature that verifies with the key.
 */
export async function ownedBy(repo: Repository, layer: Descriptor, owner: LayerOwner): Promise<boolean> {
  const certPem = layer.annotations?.[Annotation.Certificate];
  if (owner.identity) {
    if (!certPem) return false;
    const block = parsePemBlocks(certPem).find((b) => b.type === 'CERTIFICATE');
    const who = block ? certificateSigner(block.der) : undefined;
    return who?.identity === owner.identity.identity && who.issuer === owner.identity.issuer;
  }
  if (!owner.publicKey || certPem) return false;
  let env;
  try {
    env = parseDsseEnvelope(await repo.fetchBlob(layer, MAX_ATTESTATION_LAYER_BYTES));
  } catch {
    return false;
  }
  if (typeof env === 'string') return false;
  const pae = dssePae(env.payloadType, Buffer.from(env.payload, 'base64'));
  return env.signatures.some((s) => {
    try {
      return crypto.verify('sha256', pae, owner.publicKey!, Buffer.from(s.sig, 'base64'));
    } catch {
      return false;
    }
  });
}

/**
 * Add one DSSE layer to the `sha256-<hex>.att` manifest of `digest` (created when absent), as
 * cosign does: the layers already there are kept, except the same envelope again and, when
 * `owner` is given, a layer of the same predicate type signed by that owner (replaced). Racy like
 * cosign's own tag rewrite: two writers at once may lose one layer.
 */
export async function writeLegacyAttestation(
  repo: Repository,
  digest: string,
  layer: LegacyLayer,
  opts: { owner?: LayerOwner; logger?: Logger } = {},
): Promise<LegacyAttestationWritten> {
  const logger = opts.logger ?? silentLogger;
  const tag = legacyAttestationTag(digest);
  const existing = await repo.fetchManifest(tag, `${MediaType.OciManifest}, ${MediaType.DockerManifest}`);
  // The existing `.att` manifest may be anyone's: keep its layers only when they are well formed.
  const parsed = existing ? layersOf(existing.bytes) : [];
  if (typeof parsed === 'string') logger.warn(`${tag}: ${parsed}; writing a new one`);
  const previous = typeof parsed === 'string' ? [] : parsed;
  const desc = await repo.pushBlobBytes(layer.payload, DSSE_ENVELOPE_MEDIA_TYPE);
  const predicateType = layer.annotations[Annotation.PredicateType];
  const layers: Descriptor[] = [];
  let replaced = 0;
  let checks = 0;
  for (const l of previous) {
    if (l.digest === desc.digest) continue;
    const candidate =
      opts.owner !== undefined &&
      l.mediaType === DSSE_ENVELOPE_MEDIA_TYPE &&
      predicateType !== undefined &&
      l.annotations?.[Annotation.PredicateType] === predicateType &&
      checks++ < MAX_REPLACE_CHECKS;
    if (candidate && (await ownedBy(repo, l, opts.owner!))) {
      replaced++;
      continue;
    }
    layers.push(l);
  }
  layers.push({
    mediaType: DSSE_ENVELOPE_MEDIA_TYPE,
    size: desc.size,
    digest: desc.digest,
    annotations: layer.annotations,
  });
  return { digest: await pushLegacyTag(repo, tag, layers), tag, layer: desc.digest, replaced };
}
