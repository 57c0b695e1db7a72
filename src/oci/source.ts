/**
 * An image to push, read from a local source (OCI layout, OCI or docker-save tarball, the Docker
 * daemon). Implementations live in ./sources/. The pusher verifies blob digests while uploading.
 */
import type { Readable } from 'node:stream';
import type { Descriptor, FileRange, ManifestBytes } from './types.js';

export type SourceKind = 'oci' | 'oci-archive' | 'docker-archive' | 'docker-daemon';

export interface SourceSpec {
  kind: SourceKind;
  /** Directory, archive file, or (docker-daemon) NAME:TAG. */
  path: string;
  /** The image inside a layout/archive: a ref.name / RepoTags entry or an index position; absent: the only one. */
  ref?: string;
}

export interface ImageSource {
  /** For messages, e.g. "oci:./img:1.0". */
  readonly name: string;
  /** The manifest or index to push and tag, exact bytes. */
  readonly root: ManifestBytes;
  /** Every manifest reachable from the root (the root included), children before their parents. */
  readonly manifests: ManifestBytes[];
  /** Every config and layer blob those manifests reference, deduplicated by digest. */
  readonly blobs: Descriptor[];
  /** Referrer manifests found in the source whose subject is one of `manifests` (pushed after them). */
  readonly referrers: ManifestBytes[];
  /** A fresh stream of a blob's bytes; may be called again for a retry. Not verified here. */
  openBlob(digest: string): Readable;
  /** Where a blob sits in a local file, when it does (faster uploads); undefined otherwise. */
  blobFile?(digest: string): FileRange | undefined;
  /** Release files, child processes and temporary data. */
  close(): Promise<void>;
}
