/** The embedded registry's storage and vocabulary: the in-memory content, its limits, its error. */
import crypto from 'node:crypto';
import { VERIFIABLE_DIGEST_PATTERN } from '../../core/index.js';

export const MANIFEST_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
export const INDEX_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

export const NAME_RE = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

export interface StoredManifest {
  bytes: Buffer;
  mediaType: string;
  /** subject digest, when the manifest has one. */
  subject?: string;
  artifactType?: string;
  annotations?: Record<string, string>;
  seq: number;
}

export interface Repo {
  blobs: Set<string>;
  manifests: Map<string, StoredManifest>;
  tags: Map<string, string>;
}

export interface Upload {
  repo: string;
  chunks: Buffer[];
  size: number;
  sha256: crypto.Hash;
}

export class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The in-memory content; exported through handler.store. */
export class RegistryStore {
  readonly blobs = new Map<string, Buffer>();
  readonly repos = new Map<string, Repo>();
  readonly uploads = new Map<string, Upload>();
  private seq = 0;

  constructor(readonly maxTotalBytes: number) {}

  get usedBytes(): number {
    let n = 0;
    for (const b of this.blobs.values()) n += b.length;
    for (const u of this.uploads.values()) n += u.size;
    return n;
  }

  repo(name: string, create: boolean): Repo | undefined {
    let r = this.repos.get(name);
    if (!r && create) {
      r = { blobs: new Set(), manifests: new Map(), tags: new Map() };
      this.repos.set(name, r);
    }
    return r;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** Manifest bytes by repository and tag or digest (tests). */
  manifest(name: string, reference: string): Buffer | undefined {
    const r = this.repos.get(name);
    if (!r) return undefined;
    const digest = VERIFIABLE_DIGEST_PATTERN.test(reference) ? reference : r.tags.get(reference);
    return digest ? r.manifests.get(digest)?.bytes : undefined;
  }

  tags(name: string): string[] {
    return [...(this.repos.get(name)?.tags.keys() ?? [])].sort();
  }
}

export function digestOf(bytes: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${crypto.createHash(algorithm).update(bytes).digest('hex')}`;
}

export function unsupported(method: string): RegistryError {
  return new RegistryError(405, 'UNSUPPORTED', `the operation is unsupported: ${method}`);
}

export function checkDigest(d: string, code = 'DIGEST_INVALID'): void {
  if (!VERIFIABLE_DIGEST_PATTERN.test(d)) throw new RegistryError(400, code, 'invalid digest', d);
}
