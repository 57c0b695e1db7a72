/**
 * Wires the real roles from resolved options: one registry client (credentials per host, scheme,
 * CA, proxy), Harbor as the vulnerability source (on the registry's scheme unless --harbor-url),
 * and the Sigstore signer. Every command opens a session the same way, so `sign`, `scan`,
 * `attach-sbom`, `verify` and `gate` talk to the registry, Harbor and Sigstore identically.
 */
import fs from 'node:fs/promises';
import crypto from 'node:crypto';
import type { LookupFunction } from 'node:net';
import { systemClock, type Clock } from '../core/index.js';
import { inputError } from '../errors.js';
import { Redactor, type Logger } from '../logger.js';
import type { GateOptions } from '../config/index.js';
import {
  createRegistryClient,
  parseReference,
  type ImageReference,
  type ImageSource,
  type RegistryClient,
} from '../oci/index.js';
import type { SigningOptions } from '../sign/index.js';
import { HarborSource } from './harbor-source.js';
import { ReferrerSboms, RegistryTarget } from './registry-roles.js';
import type { ResolvedTrust, Roles } from './roles.js';
import { SigstoreSigner, SigstoreVerifier } from './sigstore-roles.js';

export interface SessionDeps {
  logger: Logger;
  env: NodeJS.ProcessEnv;
  redactor?: Redactor;
  clock?: Clock;
  /** Host name resolution for every connection (tests: a non-loopback name for 127.0.0.1). */
  lookup?: LookupFunction;
  cwd?: string;
  /** Progress display on a terminal. */
  isTTY?: boolean;
  /** Where progress goes (stderr). */
  progressWrite?: (text: string) => void;
  /** Harbor polling overrides (tests and the demo). */
  harborPoll?: { minMs: number; maxMs: number; missingGraceMs?: number };
  /** Signing overrides (tests with the offline Sigstore services, e.g. their URLs). */
  signing?: Partial<SigningOptions>;
  /** The command's deadline: every request of the session is cut when it aborts. */
  signal?: AbortSignal;
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
    ...(deps.lookup ? { lookup: deps.lookup } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  try {
    const repo = registry.repository(ref.registry, ref.repository);
    const clock = deps.clock ?? systemClock;
    const signing = options.sign ? await signingOptions(options, registry, deps, redactor) : undefined;
    const verifier = new SigstoreVerifier({ repo, logger: deps.logger });
    const roles: Roles = {
      target: new RegistryTarget({
        repo,
        image: options.image,
        ...(options.mountFrom ? { mountFrom: options.mountFrom } : {}),
        logger: deps.logger,
        cwd: deps.cwd ?? process.cwd(),
        env: deps.env,
        isTTY: deps.isTTY ?? false,
        progressWrite: deps.progressWrite ?? ((t) => process.stderr.write(t)),
        ...(deps.openSource ? { openSource: deps.openSource } : {}),
      }),
      sboms: new ReferrerSboms({ repo }),
      verifier,
      attestations: verifier,
      ...(signing
        ? {
            signer: new SigstoreSigner({
              repo,
              signing,
              format: options.sign?.format ?? 'bundle',
              ...(options.trust?.trustedRoot ? { trustedRoot: options.trust.trustedRoot } : {}),
            }),
          }
        : {}),
      clock,
      logger: deps.logger,
    };
    if (options.scan) {
      roles.vulnerabilities = new HarborSource({
        ref,
        ...(options.scan.harborUrl ? { harborUrl: options.scan.harborUrl } : {}),
        registry,
        plainHttp: options.plainHttp,
        logger: deps.logger,
        ...(deps.clock ? { clock: deps.clock } : {}),
        ...(deps.harborPoll ? { poll: deps.harborPoll } : {}),
      });
    }
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
    key = loadSigningKey(text, sign.keyPassword, sign.keyPasswordVariable);
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
