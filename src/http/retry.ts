import type { Clock } from '../core/index.js';

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

export interface RetryDecision {
  /** Why the outcome is retried (logged). */
  reason: string;
  /** The server's Retry-After, in ms. */
  retryAfterMs?: number;
  /** A tighter budget for this kind of failure (e.g. a refused connection): retries at most. */
  maxRetries?: number;
  /** And a cap on each of its delays. */
  maxDelayMs?: number;
}

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface RetryOptions<T> {
  policy: RetryPolicy;
  /** The one injectable time source: every backoff sleeps through it. */
  clock: Clock;
  signal?: AbortSignal;
  /** A decision to retry this result, or undefined to return it. */
  retryResult?: (result: T) => RetryDecision | undefined;
  /** A decision to retry after this error, or undefined to throw it. */
  retryError?: (error: unknown) => RetryDecision | undefined;
  /** Called before each backoff sleep, with the result to be dropped (if any). */
  onRetry?: (info: RetryInfo, dropped: T | undefined) => void;
  /**
   * Called when a retry actually starts, after its sleep: a request abandoned during the sleep
   * (aborted, or its run already failed) never announces a retry it will not make.
   */
  onRetryStart?: (info: RetryInfo) => void;
  random?: () => number;
}

/**
 * Run `op` until it gives a result or error that is not retried, or the policy's budget is spent;
 * the last result is returned and the last error thrown. `op` receives the 0-based attempt number.
 * Between attempts it sleeps backoffDelay() on the injected clock (Retry-After wins, capped).
 */
export async function withRetry<T>(
  op: (attempt: number) => Promise<T>,
  o: RetryOptions<T>,
): Promise<{ value: T; retries: number }> {
  for (let attempt = 0; ; attempt++) {
    let value: T;
    let decision: RetryDecision | undefined;
    try {
      value = await op(attempt);
    } catch (e) {
      if (o.signal?.aborted || attempt >= o.policy.maxRetries) throw e;
      decision = o.retryError?.(e);
      if (decision === undefined || attempt >= (decision.maxRetries ?? Infinity)) throw e;
      await pause(o, attempt + 1, decision, undefined);
      continue;
    }
    decision = attempt < o.policy.maxRetries ? o.retryResult?.(value) : undefined;
    if (decision === undefined) return { value, retries: attempt };
    await pause(o, attempt + 1, decision, value);
  }
}

async function pause<T>(
  o: RetryOptions<T>,
  attempt: number,
  decision: RetryDecision,
  dropped: T | undefined,
): Promise<void> {
  const delayMs = Math.min(
    backoffDelay(o.policy, attempt, decision.retryAfterMs, o.random),
    decision.maxDelayMs ?? Infinity,
  );
  const info = { attempt, delayMs, reason: decision.reason };
  o.onRetry?.(info, dropped);
  await o.clock.sleep(delayMs, o.signal);
  if (o.signal?.aborted) throw o.signal.reason;
  o.onRetryStart?.(info);
}
