/**
 * Harbor as the vulnerability source: a class over one options object. Its API is on the
 * registry's host, with the scheme the registry client settled on, unless --harbor-url names it.
 */
import type { HarborAllowlist, ScanReport } from '../core/index.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../core/index.js';
import type { ImageReference, RegistryClient } from '../oci/index.js';
import { HarborClient, harborTarget, type HarborTarget, type ProjectSettings } from '../harbor/index.js';
import type { VulnerabilitySource } from './roles.js';

export interface HarborSourceOptions {
  ref: ImageReference;
  /** --harbor-url; without it, the registry's own base URL. */
  harborUrl?: string;
  /** The one registry client: its HTTP client, schemes and credentials per host serve Harbor too. */
  registry: RegistryClient;
  plainHttp: boolean;
  logger: Logger;
  clock?: Clock;
  /** Harbor polling overrides (tests and the demo). */
  poll?: { minMs: number; maxMs: number; missingGraceMs?: number };
}

/** Harbor's scanner behind the `VulnerabilitySource` role; the API client is opened on first use. */
export class HarborSource implements VulnerabilitySource {
  private opening: Promise<HarborClient> | undefined;
  private resolvedUrl: string | undefined;

  constructor(private readonly opts: HarborSourceOptions) {
    this.resolvedUrl = opts.harborUrl;
  }

  get baseUrl(): string {
    return this.resolvedUrl ?? this.opts.registry.baseUrl(this.opts.ref.registry);
  }

  get target(): HarborTarget {
    return harborTarget(this.opts.ref, this.baseUrl);
  }

  async preflight(): Promise<{ warnings: string[]; version?: string }> {
    const pre = await (await this.client()).preflight(this.target);
    return {
      warnings: pre.warnings,
      ...(pre.harborVersion !== undefined ? { version: pre.harborVersion } : {}),
    };
  }

  async scan(digest: string, opts: { timeoutMs: number }): Promise<ScanReport> {
    return (await this.client()).scan(this.target, digest, opts);
  }

  async projectSettings(): Promise<{ settings: ProjectSettings; allowlists: HarborAllowlist[] }> {
    const c = await this.client();
    const settings = await c.getProjectSettings(this.target.project);
    const allowlists = await c.getAllowlists(this.target.project);
    return { settings, allowlists };
  }

  async generateSbom(
    digest: string,
    opts: { timeoutMs: number },
  ): Promise<{ sbomDigest: string; mediaType: string }> {
    const res = await (await this.client()).generateSbom(this.target, digest, opts);
    return { sbomDigest: res.sbomDigest, mediaType: res.mediaType };
  }

  /** Opened once: the scan and an SBOM generation may ask at the same time. */
  private client(): Promise<HarborClient> {
    return (this.opening ??= this.connect());
  }

  private async connect(): Promise<HarborClient> {
    const { registry, ref, poll } = this.opts;
    if (!this.resolvedUrl) {
      // One decision for pushes and the API: the scheme the registry client settled on.
      await registry.resolveScheme(ref.registry);
      this.resolvedUrl = registry.baseUrl(ref.registry);
    }
    const target = this.target;
    const host = new URL(target.baseUrl).host;
    // Credentials for Harbor's API: those of its host, by the same rules as the registry's
    // (explicit ones only for the hosts the user named; GitLab's per-variable hosts; docker config).
    const cred = await registry.auth.credentialFor(host);
    const pair = cred && 'password' in cred ? cred : undefined;
    return new HarborClient({
      http: registry.http,
      baseUrl: target.baseUrl,
      ...(pair ? { username: pair.username, password: pair.password } : {}),
      plainHttp: this.opts.plainHttp,
      logger: this.opts.logger,
      ...(this.opts.clock ? { clock: this.opts.clock } : {}),
      ...(poll
        ? {
            pollMinMs: poll.minMs,
            pollMaxMs: poll.maxMs,
            ...(poll.missingGraceMs !== undefined ? { missingGraceMs: poll.missingGraceMs } : {}),
          }
        : {}),
    });
  }
}
