/**
 * Wires the real roles from resolved options: one registry client (credentials per host, scheme,
 * CA, proxy), Harbor as the vulnerability source (on the registry's scheme unless --harbor-url),
 * and the Sigstore signer. Every command opens a session the same way, so `sign`, `scan`,
 * `attach-sbom`, `verify` and `gate` talk to the registry, Harbor and Sigstore identically.
 */
import fs from 'node:fs/promises';
import crypto from 'node:crypto';
import { systemClock, type Clock, type ScanReport } from '../core/index.js';
import { inputError } from '../errors.js';
import { Redactor, type Logger } from '../logger.js';
import type { GateOptions } from '../config/index.js';
import {
  MANIFEST_ACCEPT,
  createRegistryClient,
  parseReference,
  pushImage,
  createProgress,
  openSource,
  parseSource,
  type ImageReference,
  type ImageSource,
  type RegistryClient,
  type Repository,
} from '../oci/index.js';
import type { Sbom } from '../sbom/index.js';
import { HarborClient, harborTarget } from '../harbor/index.js';
import type { AttestationTrust, SigningOptions } from '../sign/index.js';
import type { ImageSigner, ImageTarget, ResolvedTrust, Roles, VulnerabilitySource } from './roles.js';

export interface SessionDeps {
  logger: Logger;
  env: NodeJS.ProcessEnv;
  redactor?: Redactor;
  clock?: Clock;
  cwd?: string;
  /** Progress display on a terminal. */
  isTTY?: boolean;
  /** Where progress goes (stderr). */
  progressWrite?: (text: string) => void;
  /** Harbor polling overrides (tests and the demo). */
  harborPoll?: { minMs: number; maxMs: number; missingGraceMs?: number };
  /** Signing overrides (tests with the offline Sigstore services, e.g. their URLs). */
  signing?: Partial<SigningOptions>;
  /** Opens a local image source (tests replace it). */
  openSource?: (
    spec: string,
    opts: { logger: Logger; cwd: string; env: NodeJS.ProcessEnv },
  ) => Promise<ImageSource>;
}

export interface Session {
  ref: ImageReference;
  roles: Roles;
  registry: RegistryClient;
  close(): void;
}

/** Opens the registry client and the roles the options ask for. Reads no remote yet. */
export async function openSession(options: GateOptions, deps: SessionDeps): Promise<Session> {
  const ref = parseReference(options.image);
  const redactor = deps.redactor ?? new Redactor();
  redactor.addCredential(options.username, options.password);
  redactor.add(options.sign?.keyPassword);
  redactor.add(options.sign?.identityToken);
  const registry = createRegistryClient({
    env: deps.env,
    logger: deps.logger,
    redactor,
    plainHttp: options.plainHttp,
    hosts: options.credentialHosts,
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(options.caFile !== undefined ? { caFile: options.caFile } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  try {
    const repo = registry.repository(ref.registry, ref.repository);
    const clock = deps.clock ?? systemClock;
    const signing = options.sign ? await signingOptions(options, registry, deps, redactor) : undefined;
    const roles: Roles = {
      target: registryTarget(repo, options, deps),
      ...(signing ? { signer: sigstoreSigner(repo, signing, options) } : {}),
      clock,
      logger: deps.logger,
    };
    if (options.scan) roles.vulnerabilities = harborSource(ref, options, registry, deps);
    return {
      ref,
      roles,
      registry,
      close: () => {
        registry.close();
      },
    };
  } catch (e) {
    registry.close();
    throw e;
  }
}

async function signingOptions(
  options: GateOptions,
  registry: RegistryClient,
  deps: SessionDeps,
  redactor: Redactor,
): Promise<SigningOptions> {
  const sign = options.sign!;
  let key: crypto.KeyObject | undefined;
  if (sign.keyFile) {
    let text: string;
    try {
      text = await fs.readFile(sign.keyFile, 'utf8');
    } catch (e) {
      throw inputError(
        'SIGN_KEY_UNREADABLE',
        `cannot read --signing-key ${sign.keyFile}`,
        'Check the path of --signing-key (a cosign key file or PKCS#8 PEM private key).',
        e,
      );
    }
    const { loadSigningKey } = await import('../sign/index.js');
    key = loadSigningKey(text, sign.keyPassword);
  }
  return {
    // Keyless signing on GitHub Actions fetches the runner's OIDC token over HTTP: with this
    // client, so --ca-file and the proxy settings apply to it too.
    http: registry.http,
    ...(key ? { key } : {}),
    ...(sign.identityToken ? { identityToken: sign.identityToken } : {}),
    env: deps.env,
    ...(sign.fulcioUrl ? { fulcioUrl: sign.fulcioUrl } : {}),
    ...(sign.rekorUrl ? { rekorUrl: sign.rekorUrl } : {}),
    ...(sign.tsaUrl ? { tsaUrl: sign.tsaUrl } : {}),
    tlogUpload: sign.tlogUpload,
    logger: deps.logger,
    // Tokens fetched at run time (GitHub OIDC, the request bearer) are never printed.
    onSecret: (secret: string) => {
      redactor.onSecret(secret);
    },
    ...(deps.signing ?? {}),
  };
}

function registryTarget(repo: Repository, options: GateOptions, deps: SessionDeps): ImageTarget {
  return {
    name: `${repo.registry}/${repo.name}`,
    resolve: (reference) => repo.resolve(reference),
    async push(sourceSpec, tags) {
      const openOpts = { logger: deps.logger, cwd: deps.cwd ?? process.cwd(), env: deps.env };
      const source = deps.openSource
        ? await deps.openSource(sourceSpec, openOpts)
        : await openSource(parseSource(sourceSpec), openOpts);
      try {
        const result = await pushImage(source, parseReference(options.image), {
          client: repo.client,
          tags,
          ...(options.mountFrom ? { mountFrom: options.mountFrom } : {}),
          logger: deps.logger,
          progress: createProgress({
            tty: deps.isTTY ?? false,
            logger: deps.logger,
            write: deps.progressWrite ?? ((t) => process.stderr.write(t)),
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
    },
    async tag(descriptor, tags) {
      if (tags.length === 0) return;
      const manifest = await repo.fetchManifest(descriptor.digest, MANIFEST_ACCEPT);
      if (!manifest) {
        throw inputError(
          'IMAGE_NOT_FOUND',
          `${repo.registry}/${repo.name}@${descriptor.digest} is not in the registry`,
          'Push it first, or give --source to have the gate push it.',
        );
      }
      for (const tag of tags) await repo.pushManifest(tag, manifest.bytes, manifest.descriptor.mediaType);
    },
    async attachSbom(subject, sbom) {
      const { attachSbom } = await import('../sbom/index.js');
      const res = await attachSbom(repo, subject, sbom);
      return {
        digest: res.digest,
        artifactType: res.artifactType,
        referrersApi: res.referrersApi,
        sbomDigest: res.sbomDigest,
      };
    },
    async validSbom(digest) {
      // Loaded when needed: a push never pays for Sigstore.
      const { findValidSbom } = await import('../sign/index.js');
      const found = await findValidSbom(repo, digest);
      return {
        ...(found.sbom ? { sbom: { digest: found.sbom.digest, format: found.sbom.format } } : {}),
        rejected: found.rejected.map((r) => `${r.digest}: ${r.reason}`),
      };
    },
    async verify(digest, trust, opts) {
      const { verifyImage } = await import('../sign/index.js');
      const res = await verifyImage(repo, digest, {
        ...attestationTrust(trust, deps.logger),
        requireSbom: opts.requireSbom,
      });
      return {
        verified: res.verified,
        signatures: res.signatures,
        sbom: res.sbom,
        ...(res.reason !== undefined ? { reason: res.reason } : {}),
      };
    },
    async vexAttestations(digest, trust) {
      const { readVexAttestations } = await import('../sign/index.js');
      const res = await readVexAttestations(repo, digest, attestationTrust(trust, deps.logger));
      return {
        statements: res.statements,
        applied: res.attestations.map((a) => ({
          digest: a.digest,
          signer: a.signer,
          statements: a.document.statements.length,
        })),
        ignored: res.ignored,
      };
    },
    async gateVerdict(digest, trust, opts) {
      const { verifyGateVerdict } = await import('../sign/index.js');
      return verifyGateVerdict(repo, digest, attestationTrust(trust, deps.logger), opts);
    },
  };
}

/** The trust in force, as sign/ takes it (signature and attestation verification alike). */
function attestationTrust(trust: ResolvedTrust, logger: Logger): AttestationTrust {
  return {
    ...(trust.key !== undefined ? { key: trust.key } : {}),
    ...(trust.identity !== undefined ? { identity: trust.identity } : {}),
    ...(trust.identityRegexp !== undefined ? { identityRegexp: trust.identityRegexp } : {}),
    ...(trust.issuer !== undefined ? { issuer: trust.issuer } : {}),
    ...(trust.trustedRoot !== undefined ? { trustedRoot: trust.trustedRoot } : {}),
    logger,
  };
}

function sigstoreSigner(repo: Repository, signing: SigningOptions, options: GateOptions): ImageSigner {
  let keylessIdentity: { identity: string; issuer: string } | undefined;
  return {
    async ownTrust() {
      if (signing.key) {
        const { publicKeyHint } = await import('../sign/index.js');
        const pem = crypto.createPublicKey(signing.key).export({ format: 'pem', type: 'spki' }).toString();
        return { key: pem, description: `the gate’s signing key (${publicKeyHint(signing.key)})` };
      }
      if (!keylessIdentity) return undefined;
      return {
        identity: keylessIdentity.identity,
        issuer: keylessIdentity.issuer,
        ...(options.trust?.trustedRoot ? { trustedRoot: options.trust.trustedRoot } : {}),
        description: `the gate’s keyless identity ${keylessIdentity.identity} (${keylessIdentity.issuer})`,
      };
    },
    async sign(digest, opts) {
      const { signImage } = await import('../sign/index.js');
      const res = await signImage(repo, digest, {
        ...signing,
        format: opts.format,
        recursive: opts.recursive,
      });
      for (const s of res.signatures) {
        if (s.identity && s.issuer) keylessIdentity ??= { identity: s.identity, issuer: s.issuer };
      }
      return res.signatures.map((s) => ({
        subject: s.subject,
        digest: s.digest,
        format: s.format,
        artifactType: s.artifactType,
        ...(s.tag !== undefined ? { tag: s.tag } : {}),
        ...(s.referrersApi !== undefined ? { referrersApi: s.referrersApi } : {}),
        ...(s.bundle !== undefined ? { bundle: s.bundle } : {}),
      }));
    },
    async attestSbom(digest, sbom: Sbom) {
      const { attestSbom } = await import('../sign/index.js');
      return attestSbom(
        repo,
        digest,
        { format: sbom.format.startsWith('cyclonedx') ? 'cyclonedx' : 'spdx', document: sbom.document },
        signing,
      );
    },
    async attestScan(digest, report: ScanReport) {
      const { attestVulnScan } = await import('../sign/index.js');
      return attestVulnScan(repo, digest, report, signing);
    },
    async attestVerdict(digest, predicate) {
      const { attestVerdict } = await import('../sign/index.js');
      return attestVerdict(repo, digest, predicate, signing);
    },
    async attestVex(digest, vex) {
      const { attestVex } = await import('../sign/index.js');
      const res = await attestVex(repo, digest, vex, signing);
      return {
        subject: res.subject,
        digest: res.digest,
        artifactType: res.artifactType,
        predicateType: res.predicateType,
        referrersApi: res.referrersApi,
        converted: res.converted,
        statements: res.statements,
        warnings: res.warnings,
      };
    },
  };
}

/** The trust for verify and --require-signature: explicit flags, else the signer's own. */
export async function explicitTrust(options: GateOptions): Promise<ResolvedTrust | undefined> {
  const t = options.trust;
  if (!t) return undefined;
  let key: string | undefined;
  if (t.keyFile) {
    try {
      key = await fs.readFile(t.keyFile, 'utf8');
    } catch (e) {
      throw inputError(
        'VERIFY_KEY_INVALID',
        `cannot read --key ${t.keyFile}`,
        'Give the path of the PEM public key (cosign.pub).',
        e,
      );
    }
  }
  // Checked now, before anything is written: a key that is no public key, a trusted root that is
  // no trusted root.
  const { loadPublicKey, loadTrustedRoot } = await import('../sign/index.js');
  if (key !== undefined) {
    try {
      loadPublicKey(key);
    } catch (e) {
      throw inputError(
        'VERIFY_KEY_INVALID',
        `--key ${t.keyFile ?? ''} is not a public key: ${e instanceof Error ? e.message : String(e)}`,
        'Give the PEM public key (cosign.pub), not the private key file.',
        e,
      );
    }
  }
  if (t.trustedRoot !== undefined) await loadTrustedRoot({ trustedRoot: t.trustedRoot });
  const who = key
    ? `the key ${t.keyFile ?? ''}`
    : `the identity ${t.identity ?? t.identityRegexp ?? '(any)'} (${t.issuer ?? 'any issuer'})`;
  return {
    ...(key !== undefined ? { key } : {}),
    ...(t.identity !== undefined ? { identity: t.identity } : {}),
    ...(t.identityRegexp !== undefined ? { identityRegexp: t.identityRegexp } : {}),
    ...(t.issuer !== undefined ? { issuer: t.issuer } : {}),
    ...(t.trustedRoot !== undefined ? { trustedRoot: t.trustedRoot } : {}),
    description: who,
  };
}

function harborSource(
  ref: ImageReference,
  options: GateOptions,
  registry: RegistryClient,
  deps: SessionDeps,
): VulnerabilitySource {
  let opening: Promise<HarborClient> | undefined;
  let baseUrl = options.scan?.harborUrl;
  // Without --harbor-url, Harbor's API is on the registry's host, with the scheme the registry
  // client settled on (one decision for pushes and the API).
  // Opened once, on first use: the scan and an SBOM generation may ask at the same time.
  const open = (): Promise<HarborClient> => (opening ??= connect());
  const connect = async (): Promise<HarborClient> => {
    if (!baseUrl) {
      await registry.resolveScheme(ref.registry);
      baseUrl = registry.baseUrl(ref.registry);
    }
    const target = harborTarget(ref, baseUrl);
    const host = new URL(target.baseUrl).host;
    // Credentials for Harbor's API: those of its host, by the same rules as the registry's
    // (explicit ones only for the hosts the user named; GitLab's per-variable hosts; docker config).
    const cred = await registry.auth.credentialFor(host);
    const pair = cred && 'password' in cred ? cred : undefined;
    return new HarborClient({
      http: registry.http,
      baseUrl: target.baseUrl,
      ...(pair ? { username: pair.username, password: pair.password } : {}),
      plainHttp: options.plainHttp,
      logger: deps.logger,
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.harborPoll
        ? {
            pollMinMs: deps.harborPoll.minMs,
            pollMaxMs: deps.harborPoll.maxMs,
            ...(deps.harborPoll.missingGraceMs !== undefined
              ? { missingGraceMs: deps.harborPoll.missingGraceMs }
              : {}),
          }
        : {}),
    });
  };
  const source: VulnerabilitySource = {
    get baseUrl() {
      return baseUrl ?? registry.baseUrl(ref.registry);
    },
    get target() {
      return harborTarget(ref, baseUrl ?? registry.baseUrl(ref.registry));
    },
    async preflight() {
      const c = await open();
      const pre = await c.preflight(source.target);
      return {
        warnings: pre.warnings,
        ...(pre.harborVersion !== undefined ? { version: pre.harborVersion } : {}),
      };
    },
    async scan(digest, opts) {
      return (await open()).scan(source.target, digest, opts);
    },
    async projectSettings() {
      const c = await open();
      const settings = await c.getProjectSettings(source.target.project);
      const allowlists = await c.getAllowlists(source.target.project);
      return { settings, allowlists };
    },
    async generateSbom(digest, opts) {
      const res = await (await open()).generateSbom(source.target, digest, opts);
      return { sbomDigest: res.sbomDigest, mediaType: res.mediaType };
    },
  };
  return source;
}
