/**
 * Blob operations of a Repository: HEAD, push (upload sessions, mounts, one retry budget per blob,
 * the digest and size verified on the way), and reads into memory or as a verified stream.
 */
import { Readable } from 'node:stream';
import { cleanText } from '../core/index.js';
import { GateError, describe } from '../errors.js';
import {
  RETRYABLE_STATUS,
  backoffDelay,
  isRetryableNetworkError,
  redactUrl,
  type HttpResponse,
  type RetryPolicy,
} from '../http/index.js';
import { repositoryScope } from './auth.js';
import type { Repository } from './registry.js';
import { MAX_ERROR_BODY, isGate, parseRegistryErrors } from './repository-errors.js';
import type { Descriptor, FileRange } from './types.js';
import { FileUploadBody } from './upload.js';
import { VerifyingStream, algorithmOf, checkDigest, digestMismatch, digestOf } from './verify.js';

/** Default limit for fetchBlob (buffered reads). */
export const DEFAULT_BLOB_FETCH_LIMIT = 64 * 1024 * 1024;

export interface PushBlobOptions {
  mountFrom?: string;
  onProgress?: (bytes: number) => void;
  /** The blob's bytes in a local file: uploaded from reused buffers instead of `open()`. */
  file?: FileRange;
}

export interface PushBlobResult {
  uploaded: boolean;
  mounted: boolean;
  /** Already present (HEAD said so); nothing sent. */
  skipped?: boolean;
}

/** HEAD a blob: its descriptor when present, undefined on 404. */
export async function blobExists(repo: Repository, digest: string): Promise<Descriptor | undefined> {
  checkDigest(digest);
  const res = await repo.request({ method: 'HEAD', path: `blobs/${digest}` });
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw repo.error(res, `HEAD blob ${digest}`);
  const got = res.headers['docker-content-digest'];
  if (got && got !== digest) {
    throw new GateError({
      code: 'REGISTRY_BAD_RESPONSE',
      message: `${repo.registry} answered HEAD ${digest} with the digest ${cleanText(got, 100)}`,
      remedy: 'The registry or a proxy in front of it is misbehaving; check its configuration.',
      kind: 'infra',
    });
  }
  const size = Number(res.headers['content-length'] ?? NaN);
  return {
    mediaType: res.headers['content-type'] ?? 'application/octet-stream',
    digest,
    size: Number.isFinite(size) ? size : -1,
  };
}

/**
 * POST an upload session (trying a mount first when asked), retried under `retry`. Returns how
 * many of those retries it used, so the caller can charge them to the blob's budget.
 */
async function startUpload(
  repo: Repository,
  digest: string,
  mountFrom: string | undefined,
  retry: RetryPolicy,
): Promise<({ mounted: true } | { mounted: false; location: string }) & { retries: number }> {
  let used = 0;
  if (mountFrom && mountFrom !== repo.name) {
    try {
      const res = await repo.request({
        method: 'POST',
        path: 'blobs/uploads/',
        query: { mount: digest, from: mountFrom },
        push: true,
        scopes: [repositoryScope(mountFrom, ['pull'])],
        response: 'discard',
        maxRedirects: 0,
        retry,
      });
      used = res.retries;
      if (res.status === 201) return { mounted: true, retries: used };
      if (res.status === 202 && res.headers.location) {
        return {
          mounted: false,
          location: uploadLocation(repo, res.headers.location, res.url),
          retries: used,
        };
      }
      repo.client.logger.debug(
        `mount of ${digest} from ${mountFrom} answered HTTP ${res.status}; uploading instead`,
      );
    } catch (e) {
      // Harbor answers 401 for a missing source project, Docker Hub 400: upload instead.
      repo.client.logger.debug(
        `mount of ${digest} from ${mountFrom} failed (${describe(e)}); uploading instead`,
      );
    }
  }
  const res = await repo.request({
    method: 'POST',
    path: 'blobs/uploads/',
    push: true,
    maxBytes: MAX_ERROR_BODY,
    retry: { ...retry, maxRetries: Math.max(0, retry.maxRetries - used) },
  });
  if (res.status !== 202 || !res.headers.location) {
    throw repo.error(res, `start upload of ${digest}`);
  }
  return {
    mounted: false,
    location: uploadLocation(repo, res.headers.location, res.url),
    retries: used + res.retries,
  };
}

/**
 * The upload URL a registry answered. Plain http from a registry reached over https is refused:
 * the bytes would go unencrypted, and it is nearly always a TLS-terminating proxy that does not
 * tell the registry the original scheme.
 */
function uploadLocation(repo: Repository, location: string, requestUrl: string): string {
  const u = new URL(location, requestUrl);
  if (u.protocol === 'http:' && new URL(requestUrl).protocol === 'https:') {
    throw new GateError({
      code: 'REGISTRY_INSECURE_UPLOAD',
      message: `${repo.registry} is reached over https but answered an upload URL on plain http (${redactUrl(u.toString())})`,
      remedy:
        'A TLS-terminating proxy or load balancer in front of the registry must pass X-Forwarded-Proto: https (for Harbor, set external_url to the https URL); then run again. Nothing was uploaded.',
      kind: 'input',
    });
  }
  return u.toString();
}

/**
 * Push a blob: POST (mount first when asked), then one streaming PUT of `open()` with the digest
 * and size verified on the way. Each retry starts a fresh upload session. A content mismatch
 * throws BLOB_DIGEST_MISMATCH and is never retried.
 */
export async function pushBlob(
  repo: Repository,
  desc: Descriptor,
  open: () => Readable,
  opts: PushBlobOptions = {},
): Promise<PushBlobResult> {
  checkDigest(desc.digest);
  algorithmOf(desc.digest);
  const policy = repo.client.http.retry;
  // One retry budget per blob, shared by the session POSTs (retried by the HTTP client) and the
  // fresh sessions after a failed PUT. Two separate budgets multiplied: 6 sessions of 6 POSTs
  // each, and 100 s to give up on a registry refusing every upload (docs/reliability.md).
  let left = policy.maxRetries;
  for (let attempt = 0; ; attempt++) {
    // A POST that fails after its retries is final: the budget is spent.
    const session = await startUpload(repo, desc.digest, attempt === 0 ? opts.mountFrom : undefined, {
      ...policy,
      maxRetries: left,
    });
    left -= session.retries;
    if (session.mounted) return { uploaded: false, mounted: true };
    let progressed = 0;
    const onBytes = opts.onProgress
      ? (n: number): void => {
          progressed += n;
          opts.onProgress?.(n);
        }
      : undefined;
    try {
      await putBlob(repo, session.location, desc, open, onBytes, opts.file);
      return { uploaded: true, mounted: false };
    } catch (e) {
      if (progressed > 0) opts.onProgress?.(-progressed);
      const retryable =
        !(isGate(e) && e.code === 'BLOB_DIGEST_MISMATCH') &&
        !(isGate(e) && e.code === 'BLOB_READ_FAILED') &&
        ((isGate(e) && e.code === 'REGISTRY_UNAVAILABLE') ||
          (isGate(e) && e.code === 'HTTP_NETWORK') ||
          (!isGate(e) && isRetryableNetworkError(e)) ||
          (isGate(e) && e.code === 'BLOB_UPLOAD_RETRY'));
      if (!retryable || left <= 0) {
        if (isGate(e) && e.code === 'BLOB_UPLOAD_RETRY') throw e.cause instanceof GateError ? e.cause : e;
        throw e;
      }
      left--;
      const delay = backoffDelay(policy, policy.maxRetries - left);
      repo.client.logger.debug(
        `upload of ${desc.digest} failed (${describe(e)}); new session in ${delay} ms`,
      );
      await repo.client.clock.sleep(delay);
    }
  }
}

async function putBlob(
  repo: Repository,
  location: string,
  desc: Descriptor,
  open: () => Readable,
  onBytes: ((n: number) => void) | undefined,
  file: FileRange | undefined,
): Promise<void> {
  // A large blob goes as a stream (PATCH, then an empty PUT with the digest), which a cancelled
  // run ends cleanly where it is: the registry then knows the session's size, and the DELETE that
  // follows is accepted. A PUT cut mid-body cannot be cancelled on distribution (it refuses the
  // DELETE as "resumed at wrong offset" and keeps the bytes). Small blobs go in one PUT.
  const stop = desc.size >= STREAMED_UPLOAD_MIN_BYTES ? repo.client.http.signal : undefined;
  const u = new URL(location);
  if (!stop) u.searchParams.set('digest', desc.digest);
  let verifier: { failure: GateError | undefined } | undefined;
  let sourceError: unknown;
  const what = `blob ${desc.digest}`;
  const body = (): Readable => {
    if (file) {
      const b = new FileUploadBody(file, desc, what, onBytes, stop);
      verifier = b;
      b.on('error', () => {
        sourceError = b.sourceError;
      });
      return b;
    }
    const src = open();
    const v = new VerifyingStream(desc, what, onBytes);
    verifier = v;
    src.on('error', (e) => {
      sourceError = e;
      v.destroy(e);
    });
    v.on('close', () => {
      if (!src.destroyed) src.destroy();
    });
    if (stop) {
      const onStop = (): void => {
        src.unpipe(v);
        src.destroy();
        v.stopEarly();
      };
      if (stop.aborted) onStop();
      else stop.addEventListener('abort', onStop, { once: true });
      v.on('close', () => {
        stop.removeEventListener('abort', onStop);
      });
    }
    return src.pipe(v);
  };
  let res: HttpResponse;
  try {
    res = await repo.request({
      method: stop ? 'PATCH' : 'PUT',
      path: u.toString(),
      headers: stop
        ? { 'Content-Type': 'application/octet-stream' }
        : { 'Content-Type': 'application/octet-stream', 'Content-Length': String(desc.size) },
      body,
      push: true,
      noRetry: true,
      maxBytes: MAX_ERROR_BODY,
      ...(stop ? { graceful: true } : {}),
    });
  } catch (e) {
    // The session would hold what was sent until the registry purges it (distribution: a week):
    // cancelled now, and waited for, so a run that was interrupted leaves no open upload behind.
    await cancelUpload(repo, location);
    if (verifier?.failure) throw verifier.failure;
    if (sourceError !== undefined) throw readFailed(desc.digest, sourceError);
    throw e;
  }
  if (stop?.aborted) {
    // Cancelled while the stream went: it ended cleanly, so the session's size is known to the
    // registry and the DELETE (on the location it answered) is accepted.
    const next = res.headers.location ? uploadLocation(repo, res.headers.location, res.url) : location;
    await cancelUpload(repo, next);
    throw stop.reason;
  }
  if (verifier?.failure) throw verifier.failure;
  if (sourceError !== undefined) throw readFailed(desc.digest, sourceError);
  if (stop && res.status === 202 && res.headers.location) {
    const next = new URL(uploadLocation(repo, res.headers.location, res.url));
    next.searchParams.set('digest', desc.digest);
    try {
      res = await repo.request({
        method: 'PUT',
        path: next.toString(),
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': '0' },
        body: Buffer.alloc(0),
        push: true,
        noRetry: true,
        maxBytes: MAX_ERROR_BODY,
      });
    } catch (e) {
      await cancelUpload(repo, next.toString());
      throw e;
    }
  }
  if (res.status === 201 || res.status === 204 || res.status === 200) {
    const got = res.headers['docker-content-digest'];
    if (got && got !== desc.digest) {
      throw new GateError({
        code: 'REGISTRY_BAD_RESPONSE',
        message: `${repo.registry} stored ${desc.digest} under the digest ${cleanText(got, 100)}`,
        remedy: 'The registry or a proxy in front of it altered the upload; check its configuration.',
        kind: 'infra',
      });
    }
    return;
  }
  const err = repo.error(res, `upload of ${desc.digest}`);
  if (RETRYABLE_STATUS.has(res.status) || res.status === 404) {
    // A 5xx or an expired/unknown session: start a fresh one.
    throw new GateError({
      code: 'BLOB_UPLOAD_RETRY',
      message: err.message,
      remedy: err.remedy,
      kind: 'infra',
      cause: err,
    });
  }
  throw err;
}

/**
 * DELETE an upload session (distribution-spec "Canceling an upload"); best effort, bounded. A
 * registry still writing the cut PUT's bytes refuses the first DELETE (distribution answers
 * BLOB_UPLOAD_INVALID, "upload resumed at wrong offset") and keeps the bytes it then finishes
 * writing: the DELETE is repeated, a few times at most, until the session is gone
 * (2xx, or BLOB_UPLOAD_UNKNOWN).
 */
async function cancelUpload(repo: Repository, location: string): Promise<void> {
  for (let attempt = 0; attempt < CANCEL_ATTEMPTS; attempt++) {
    if (attempt > 0) await repo.client.clock.sleep(CANCEL_PAUSE_MS * 2 ** (attempt - 1));
    let res: HttpResponse;
    try {
      res = await repo.request({
        method: 'DELETE',
        path: location,
        push: true,
        // distribution's token auth (and Harbor's) maps every DELETE, an upload session's
        // included, to the `delete` action: a pull,push token is refused with 401.
        scopes: [repositoryScope(repo.name, ['delete'])],
        noRetry: true,
        cleanup: true,
        maxBytes: MAX_ERROR_BODY,
      });
    } catch (e) {
      repo.client.logger.debug(`could not cancel an upload session at ${repo.registry}: ${describe(e)}`);
      return;
    }
    const codes = parseRegistryErrors(res.body).map((x) => x.code);
    const gone = (res.status >= 200 && res.status < 300) || codes.includes('BLOB_UPLOAD_UNKNOWN');
    repo.client.logger.debug(
      `upload session at ${repo.registry}: DELETE answered HTTP ${res.status}${codes.length ? ` ${codes.join(', ')}` : ''}${gone ? ' (cancelled)' : ''}`,
    );
    if (gone || res.status !== 404) return;
  }
}

/**
 * Whether these credentials may push here, asked before the first blob: an upload session is
 * opened (POST, with a push-scoped token) and cancelled at once (DELETE). Throws the registry's
 * refusal (REGISTRY_DENIED, ...) so a run stops before it writes anything.
 */
export async function checkPushAccess(repo: Repository): Promise<void> {
  const res = await repo.request({
    method: 'POST',
    path: 'blobs/uploads/',
    push: true,
    maxBytes: MAX_ERROR_BODY,
  });
  if (res.status !== 202 || !res.headers.location)
    throw repo.error(res, 'start an upload (checking push access)');
  await cancelUpload(repo, uploadLocation(repo, res.headers.location, res.url));
}

/** Blobs this large (and larger) are uploaded as a stream a cancelled run can end cleanly. */
export const STREAMED_UPLOAD_MIN_BYTES = 8 * 1024 * 1024;

/** DELETEs of one cut upload session at most, and the first pause between them (doubling). */
const CANCEL_ATTEMPTS = 5;
const CANCEL_PAUSE_MS = 50;

/** Upload bytes held in memory (configs, SBOMs); skips when present. */
export async function pushBlobBytes(repo: Repository, bytes: Buffer, mediaType: string): Promise<Descriptor> {
  const desc: Descriptor = { mediaType, digest: digestOf(bytes), size: bytes.length };
  if (await blobExists(repo, desc.digest)) return desc;
  await pushBlob(repo, desc, () => Readable.from([bytes]));
  return desc;
}

/** GET a blob into memory (at most maxBytes), verified against the descriptor. */
export async function fetchBlob(
  repo: Repository,
  desc: Descriptor,
  maxBytes = DEFAULT_BLOB_FETCH_LIMIT,
): Promise<Buffer> {
  checkDigest(desc.digest);
  if (desc.size > maxBytes) {
    throw new GateError({
      code: 'BLOB_TOO_LARGE',
      message: `blob ${desc.digest} is ${desc.size} bytes, over the ${maxBytes} byte limit for reading it into memory`,
      remedy: 'The descriptor points at an unexpectedly large blob; check the artifact.',
      kind: 'input',
    });
  }
  const res = await repo.request({
    method: 'GET',
    path: `blobs/${desc.digest}`,
    maxBytes: Math.max(desc.size, 0) + 1,
  });
  if (res.status === 404) {
    throw new GateError({
      code: 'BLOB_NOT_FOUND',
      message: `blob ${desc.digest} is not in ${repo.registry}/${repo.name}`,
      remedy: 'Push the image (with its blobs) again.',
      kind: 'input',
    });
  }
  if (res.status !== 200) throw repo.error(res, `GET blob ${desc.digest}`);
  const got = digestOf(res.body, algorithmOf(desc.digest));
  if (got !== desc.digest || res.body.length !== desc.size) {
    throw digestMismatch(`blob ${desc.digest} from ${repo.registry}`, desc.digest, got, {
      want: desc.size,
      got: res.body.length,
    });
  }
  return res.body;
}

/** A stream of a blob, verified as it is read (the stream errors on a mismatch). */
export async function openBlob(repo: Repository, desc: Descriptor): Promise<Readable> {
  checkDigest(desc.digest);
  const res = await repo.request({ method: 'GET', path: `blobs/${desc.digest}`, response: 'stream' });
  if (res.status === 404) {
    res.stream?.destroy();
    throw new GateError({
      code: 'BLOB_NOT_FOUND',
      message: `blob ${desc.digest} is not in ${repo.registry}/${repo.name}`,
      remedy: 'Push the image (with its blobs) again.',
      kind: 'input',
    });
  }
  if (res.status !== 200 || !res.stream) {
    const body = res.stream ? await readSmall(res.stream) : res.body;
    throw repo.error({ ...res, body, stream: undefined }, `GET blob ${desc.digest}`);
  }
  const v = new VerifyingStream(desc, `blob ${desc.digest} from ${repo.registry}`);
  const src = res.stream;
  src.on('error', (e) => v.destroy(e));
  v.on('close', () => {
    if (!src.destroyed) src.destroy();
  });
  return src.pipe(v);
}

function readFailed(digest: string, cause: unknown): GateError {
  return new GateError({
    code: 'BLOB_READ_FAILED',
    message: `reading blob ${digest} from the image source failed: ${describe(cause)}`,
    remedy: 'Check that the image source is complete and readable (missing blob files, truncated archives).',
    kind: 'input',
    cause,
  });
}

async function readSmall(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stream) {
    const b = c as Buffer;
    total += b.length;
    if (total > MAX_ERROR_BODY) {
      stream.destroy();
      break;
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
