/**
 * Helpers for the reliability suites: a registry client with an injectable retry policy, direct
 * integrity checks of a registry (every manifest's blobs present), skopeo, and a stderr/stdout
 * capturing CLI io.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import { promisify } from 'node:util';
import { systemClock } from '../../src/core/index.js';
import { HttpClient } from '../../src/http/client.js';
import type { RetryPolicy } from '../../src/http/retry.js';
import type { Logger } from '../../src/logger.js';
import { staticCredentials } from '../../src/oci/credentials.js';
import { RegistryClient } from '../../src/oci/registry.js';

export const execFileP = promisify(execFile);

/** A retry policy fast enough for tests and deep enough to outlast a 20% fault rate. */
export const FAST_RETRY: RetryPolicy = { maxRetries: 8, baseDelayMs: 10, maxDelayMs: 100, jitter: 0.25 };

export interface RetryStats {
  /** Retries of single requests (HttpClient). */
  retries: number;
  /** Blob uploads started over with a fresh session (RegistryClient). */
  uploadRestarts: number;
  reasons: Record<string, number>;
}

export interface CapturingLogger extends Logger {
  lines: string[];
}

export function capturingLogger(): CapturingLogger {
  const lines: string[] = [];
  return {
    lines,
    debug: (m) => lines.push(`debug: ${m}`),
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
  };
}

export function testClient(opts: {
  retry?: RetryPolicy;
  username?: string;
  password?: string;
  logger?: Logger;
  timeoutMs?: number;
}): { client: RegistryClient; stats: RetryStats } {
  const stats: RetryStats = { retries: 0, uploadRestarts: 0, reasons: {} };
  const http = new HttpClient({
    retry: opts.retry ?? FAST_RETRY,
    timeoutMs: opts.timeoutMs ?? 15_000,
    env: {},
    ...(opts.logger ? { logger: opts.logger } : {}),
    onRetry: (info) => {
      stats.retries++;
      const reason = info.reason.replace(/\d{2,}/g, 'N').slice(0, 60);
      stats.reasons[reason] = (stats.reasons[reason] ?? 0) + 1;
    },
  });
  const client = new RegistryClient({
    http,
    ...(opts.username !== undefined && opts.password !== undefined
      ? { credentials: staticCredentials(opts.username, opts.password) }
      : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    referrersSettleMs: 5,
    clock: {
      now: () => systemClock.now(),
      sleep: (ms, signal) => {
        stats.uploadRestarts++;
        return systemClock.sleep(ms, signal);
      },
    },
  });
  return { client, stats };
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A plain request straight to the registry (no retries, no fault proxy). */
export function raw(
  url: string,
  opts: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export function basicAuth(user: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface RegistrySnapshot {
  /** repository -> sorted tags */
  tags: Record<string, string[]>;
  /** manifests checked (by digest) */
  manifests: number;
  /** blobs checked */
  blobs: number;
  /** `repo@manifest -> missing blob/child` entries: must be empty */
  missing: string[];
}

async function json(res: RawResponse): Promise<unknown> {
  return Promise.resolve(JSON.parse(res.body.toString('utf8')) as unknown);
}

/**
 * Walk the registry directly: catalog -> tags -> manifests (indexes recursively, subjects of
 * referrers) -> HEAD every blob. Reports every manifest that points at something missing.
 */
export async function snapshotRegistry(
  base: string,
  headers: Record<string, string> = {},
): Promise<RegistrySnapshot> {
  const cr = await raw(`${base}/v2/_catalog?n=1000`, { headers });
  if (cr.status !== 200) throw new Error(`catalog: HTTP ${cr.status} ${cr.body.toString('utf8')}`);
  const catalog = (await json(cr)) as { repositories?: string[] };
  const out: RegistrySnapshot = { tags: {}, manifests: 0, blobs: 0, missing: [] };
  for (const repo of catalog.repositories ?? []) {
    const tr = await raw(`${base}/v2/${repo}/tags/list?n=1000`, { headers });
    const tags = tr.status === 200 ? (((await json(tr)) as { tags?: string[] | null }).tags ?? []) : [];
    out.tags[repo] = [...tags].sort();
    const seen = new Set<string>();
    const blobSeen = new Set<string>();
    const visit = async (ref: string, from: string): Promise<void> => {
      if (seen.has(ref)) return;
      seen.add(ref);
      const res = await raw(`${base}/v2/${repo}/manifests/${ref}`, {
        headers: { ...headers, Accept: ACCEPT },
      });
      if (res.status !== 200) {
        out.missing.push(`${repo}@${from} -> manifest ${ref} (HTTP ${res.status})`);
        return;
      }
      out.manifests++;
      const digest = `sha256:${crypto.createHash('sha256').update(res.body).digest('hex')}`;
      if (ref.startsWith('sha256:') && digest !== ref)
        out.missing.push(`${repo}: manifest ${ref} hashes to ${digest}`);
      const m = (await json(res)) as {
        config?: { digest: string };
        layers?: { digest: string }[];
        manifests?: { digest: string }[];
        subject?: { digest: string };
      };
      const blobs = [...(m.config ? [m.config] : []), ...(m.layers ?? [])];
      for (const b of blobs) {
        if (blobSeen.has(b.digest)) continue;
        blobSeen.add(b.digest);
        out.blobs++;
        const h = await raw(`${base}/v2/${repo}/blobs/${b.digest}`, { method: 'HEAD', headers });
        if (h.status !== 200) out.missing.push(`${repo}@${ref} -> blob ${b.digest} (HTTP ${h.status})`);
      }
      for (const c of m.manifests ?? []) await visit(c.digest, ref);
    };
    for (const t of tags) await visit(t, t);
  }
  return out;
}

/** skopeo copy from the registry (directly) into an OCI layout; returns skopeo's output. */
export async function skopeoCopy(
  imageRef: string,
  destDir: string,
  creds?: { username: string; password: string },
): Promise<string> {
  const args = [
    'copy',
    '--src-tls-verify=false',
    '--preserve-digests',
    ...(creds ? ['--src-creds', `${creds.username}:${creds.password}`] : []),
    `docker://${imageRef}`,
    `oci:${destDir}`,
  ];
  const { stdout, stderr } = await execFileP('skopeo', args, { maxBuffer: 16 * 1024 * 1024 });
  return stdout + stderr;
}

export { captureIO } from '../helpers/cli.js';
