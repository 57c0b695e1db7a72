/**
 * The registry's side of the roles: one repository as an `ImageTarget` (resolve, push, tag) and
 * its SBOM referrers. Each is a class over one options object; session.ts wires them.
 */
import { inputError } from '../errors.js';
import type { Logger } from '../logger.js';
import {
  MANIFEST_ACCEPT,
  checkTargetDigest,
  createProgress,
  openSource,
  parseReference,
  parseSource,
  pushImage,
  type Descriptor,
  type ImageSource,
  type PushResult,
  type Repository,
} from '../oci/index.js';
import type { Sbom } from '../sbom/index.js';
import type { ImageTarget, SbomAttached, SbomReferrers } from './roles.js';

export interface RegistryTargetOptions {
  repo: Repository;
  /** The --image reference the push writes. */
  image: string;
  mountFrom?: string;
  logger: Logger;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Progress display on a terminal, and where it goes (stderr). */
  isTTY: boolean;
  progressWrite: (text: string) => void;
  /** Opens a local image source (tests replace it). */
  openSource?: (
    spec: string,
    opts: { logger: Logger; cwd: string; env: NodeJS.ProcessEnv },
  ) => Promise<ImageSource>;
}

/** One repository of the registry: resolve, push from a local source, tag. */
export class RegistryTarget implements ImageTarget {
  readonly name: string;

  constructor(private readonly opts: RegistryTargetOptions) {
    this.name = `${opts.repo.registry}/${opts.repo.name}`;
  }

  resolve(reference: string): Promise<Descriptor | undefined> {
    return this.opts.repo.resolve(reference);
  }

  async checkPush(sourceSpec?: string): Promise<void> {
    // An `@digest` that is not the source's is an input error, told before the registry is asked.
    if (sourceSpec !== undefined && parseReference(this.opts.image).digest !== undefined) {
      const source = await this.open(sourceSpec);
      try {
        checkTargetDigest(source, parseReference(this.opts.image));
      } finally {
        await source.close();
      }
    }
    await this.opts.repo.checkPush();
  }

  private open(sourceSpec: string): Promise<ImageSource> {
    const o = this.opts;
    const openOpts = { logger: o.logger, cwd: o.cwd, env: o.env };
    return o.openSource ? o.openSource(sourceSpec, openOpts) : openSource(parseSource(sourceSpec), openOpts);
  }

  async push(sourceSpec: string, tags: string[]): Promise<{ descriptor: Descriptor; result: PushResult }> {
    const o = this.opts;
    const source = await this.open(sourceSpec);
    try {
      const result = await pushImage(source, parseReference(o.image), {
        client: o.repo.client,
        tags,
        ...(o.mountFrom ? { mountFrom: o.mountFrom } : {}),
        logger: o.logger,
        progress: createProgress({
          tty: o.isTTY,
          logger: o.logger,
          write: o.progressWrite,
          clock: o.repo.client.clock,
        }),
      });
      const root = source.root.descriptor;
      return {
        descriptor: root.digest === result.digest ? root : { ...root, digest: result.digest },
        result,
      };
    } finally {
      await source.close();
    }
  }

  async tag(descriptor: Descriptor, tags: string[]): Promise<void> {
    if (tags.length === 0) return;
    const repo = this.opts.repo;
    const manifest = await repo.fetchManifest(descriptor.digest, MANIFEST_ACCEPT);
    if (!manifest) {
      throw inputError(
        'IMAGE_NOT_FOUND',
        `${this.name}@${descriptor.digest} is not in the registry`,
        'Push it first, or give --source to have the gate push it.',
      );
    }
    for (const tag of tags) await repo.pushManifest(tag, manifest.bytes, manifest.descriptor.mediaType);
  }
}

export interface ReferrerSbomsOptions {
  repo: Repository;
}

/** The image's SBOM referrers in the repository (loaded when needed: a push never pays for them). */
export class ReferrerSboms implements SbomReferrers {
  constructor(private readonly opts: ReferrerSbomsOptions) {}

  async attachSbom(subject: Descriptor, sbom: Sbom): Promise<SbomAttached> {
    const { attachSbom } = await import('../sbom/index.js');
    const res = await attachSbom(this.opts.repo, subject, sbom);
    return {
      digest: res.digest,
      artifactType: res.artifactType,
      referrersApi: res.referrersApi,
      sbomDigest: res.sbomDigest,
    };
  }

  async validSbom(
    digest: string,
  ): Promise<{ sbom?: { digest: string; format: string }; rejected: string[] }> {
    const { findValidSbom } = await import('../sign/index.js');
    const found = await findValidSbom(this.opts.repo, digest);
    return {
      ...(found.sbom ? { sbom: { digest: found.sbom.digest, format: found.sbom.format } } : {}),
      rejected: found.rejected.map((r) => `${r.digest}: ${r.reason}`),
    };
  }
}
