/** The OCI client's public face: references, credentials, the registry client and push. */
import type { LookupFunction } from 'node:net';
import fs from 'node:fs';
import { describe, inputError } from '../errors.js';
import { HttpClient } from '../http/index.js';
import type { Logger, Redactor } from '../logger.js';
import type { Clock } from '../core/index.js';
import { defaultCredentials } from './credentials.js';
import { RegistryClient } from './registry.js';

export * from './reference.js';
export * from './auth.js';
export * from './credentials.js';
export * from './registry.js';
export { DEFAULT_BLOB_FETCH_LIMIT, type PushBlobOptions, type PushBlobResult } from './blobs.js';
export { MAX_MANIFEST_BYTES, nextLink } from './manifests.js';
export { notOciAnswer, parseRegistryErrors, type RegistryErrorBody } from './repository-errors.js';
export { digestOf } from './verify.js';
export * from './push.js';
export * from './progress.js';
export * from './limit.js';
export * from './types.js';
export type { ImageSource, SourceSpec, SourceKind } from './source.js';
export { pushArtifact } from './artifact.js';
export { listReferrers } from './referrers.js';
export { removeFromReferrersIndex } from './referrers-tag.js';
export { openSource, parseSource } from './sources/index.js';

export interface CreateRegistryClientOptions {
  username?: string;
  password?: string;
  /** The hosts explicit credentials may go to (the image's registry, the Harbor named). */
  hosts?: string[];
  env: NodeJS.ProcessEnv;
  plainHttp?: boolean;
  /** Extra trusted CA certificates (PEM file). */
  caFile?: string;
  logger: Logger;
  redactor?: Redactor;
  /** Keep-alive sockets per host (default 16). */
  maxSockets?: number;
  /** Every wait (retries, backoff) goes through it; tests inject a fake one. */
  clock?: Clock;
  /** Host name resolution (tests: a non-loopback name for a loopback server). */
  lookup?: LookupFunction;
  /** The command's deadline: every request is cut when it aborts. */
  signal?: AbortSignal;
}

/** HttpClient + credential chain (flags, GitLab, Docker config) + RegistryClient, for every command. */
export function createRegistryClient(opts: CreateRegistryClientOptions): RegistryClient {
  let caPem: string | undefined;
  if (opts.caFile) {
    try {
      caPem = fs.readFileSync(opts.caFile, 'utf8');
    } catch (e) {
      throw inputError(
        'CA_FILE_UNREADABLE',
        `cannot read --ca-file ${opts.caFile}: ${describe(e)}`,
        'Give a readable PEM file with the CA certificate(s).',
        e,
      );
    }
    if (!caPem.includes('-----BEGIN CERTIFICATE-----')) {
      throw inputError(
        'CA_FILE_UNREADABLE',
        `--ca-file ${opts.caFile} holds no PEM certificate`,
        'Give a PEM file (-----BEGIN CERTIFICATE-----).',
      );
    }
  }
  const http = new HttpClient({
    env: opts.env,
    logger: opts.logger,
    ...(caPem ? { caPem } : {}),
    ...(opts.maxSockets ? { maxSockets: opts.maxSockets } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.lookup ? { lookup: opts.lookup } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const credentials = defaultCredentials({
    env: opts.env,
    logger: opts.logger,
    ...(opts.username !== undefined ? { username: opts.username } : {}),
    ...(opts.password !== undefined ? { password: opts.password } : {}),
    ...(opts.hosts !== undefined ? { hosts: opts.hosts } : {}),
    ...(opts.redactor ? { redactor: opts.redactor } : {}),
  });
  return new RegistryClient({
    http,
    credentials,
    logger: opts.logger,
    ...(opts.redactor ? { redactor: opts.redactor } : {}),
    ...(opts.plainHttp !== undefined ? { plainHttp: opts.plainHttp } : {}),
  });
}
