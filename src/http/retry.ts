/** Retry policy for idempotent or re-playable requests: 408/429/5xx and network resets. */
export interface RetryPolicy {
  /** Retries after the first attempt (so attempts = maxRetries + 1). */
  maxRetries: number;
  /** First backoff delay in ms; doubled each retry, with +/- jitter. */
  baseDelayMs: number;
  /** Upper bound of one delay, also for Retry-After. */
  maxDelayMs: number;
  /** Fraction of the delay used as random jitter (0..1). */
  jitter: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 400,
  maxDelayMs: 8_000,
  jitter: 0.25,
};

export const NO_RETRY: RetryPolicy = { maxRetries: 0, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 };

export const RETRYABLE_STATUS = new Set([408, 425, 429, 499, 500, 502, 503, 504, 522, 524]);

const RETRYABLE_NET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
  'ERR_BAD_RESPONSE',
  'HPE_INVALID_CONSTANT',
  'HPE_UNEXPECTED_CONTENT_LENGTH',
  'HPE_INVALID_CHUNK_SIZE',
  'ERR_HTTP_CONTENT_LENGTH_MISMATCH',
  'BODY_TRUNCATED',
]);

export function isRetryableNetworkError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof err.code === 'string' && RETRYABLE_NET_CODES.has(err.code)) return true;
  if (
    typeof err.message === 'string' &&
    /socket hang up|aborted|premature close|timeout/i.test(err.message)
  ) {
    return true;
  }
  return err.cause !== undefined && err.cause !== e ? isRetryableNetworkError(err.cause) : false;
}

/** Parse Retry-After (seconds or HTTP date) into ms, or undefined. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** The delay before retry number `attempt` (1-based). */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs?: number,
  random = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const exp = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  const spread = exp * policy.jitter;
  return Math.max(0, Math.round(exp - spread + random() * 2 * spread));
}

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
