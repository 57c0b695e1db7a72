/**
 * The request and response model of the HTTP client, and its options: the shapes callers build
 * and receive. The client itself is in client.ts, an attempt's deadline in deadline.ts.
 */
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import type { Clock } from '../core/index.js';
import type { Logger } from '../logger.js';
import type { RetryPolicy } from './retry.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A body: bytes, text, or a factory of fresh streams (so the request can be replayed on retry). */
export type HttpBody = Buffer | Uint8Array | string | (() => Readable);

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: HttpBody;
  /**
   * 'buffer' (default): read the body, at most maxBytes. 'stream': hand the stream to the caller,
   * who must consume or destroy it. 'discard': drain and drop it.
   */
  response?: 'buffer' | 'stream' | 'discard';
  /** Byte limit for 'buffer' responses (default 4 MiB). */
  maxBytes?: number;
  /** Socket idle timeout in ms (default: the client's). */
  timeoutMs?: number;
  /**
   * The attempt's total deadline in ms, body included (default: the client's requestDeadlineMs,
   * plus transferBytes at the client's minimum rate). A server that drips bytes cannot hold it.
   */
  deadlineMs?: number;
  /**
   * The bytes this request carries (a blob's size, up or down): its deadline grows by them at the
   * minimum rate, so a large layer is not cut short while a stalled one still is. A buffered
   * response counts its maxBytes.
   */
  transferBytes?: number;
  /** Retry policy (default: the client's). A bare stream body cannot be replayed; use a factory. */
  retry?: RetryPolicy;
  /** Redirects to follow (default 5). With 0 the 3xx response is returned as is. */
  maxRedirects?: number;
  signal?: AbortSignal;
  /**
   * A clean-up after the run was cut short (cancelling an upload session): not bound by the
   * client's signal, which has already aborted, but by a short deadline of its own
   * (CLEANUP_DEADLINE_MS unless deadlineMs says otherwise).
   */
  cleanup?: boolean;
  /**
   * The request's body ends itself, cleanly, when the client's signal aborts (a streamed upload
   * that a cancelled run stops where it is): the request is not cut by that signal, so the server
   * answers it. Its own total deadline still holds.
   */
  graceful?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The final URL after redirects. */
  url: string;
  /** The body for 'buffer' responses (empty otherwise). */
  body: Buffer;
  /** The body stream for 'stream' responses. */
  stream?: Readable;
  /** Retries this request took (for progress and reliability figures). */
  retries: number;
}

export interface HttpClientOptions {
  userAgent?: string;
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** Extra trusted CA certificates (PEM), added to the default trust store. */
  caPem?: string;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Max sockets per host (keep-alive pool). */
  maxSockets?: number;
  /** Called before each retry sleep: for tests and progress. */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
  /** The time source retries sleep on (default: the system clock); tests inject a fake one. */
  clock?: Clock;
  /** Host name resolution (default: the system's); tests map a non-loopback name to 127.0.0.1. */
  lookup?: LookupFunction;
  /** Each attempt's total deadline in ms before transfer allowance (default REQUEST_DEADLINE_MS). */
  requestDeadlineMs?: number;
  /** The slowest transfer rate (bytes/s) a request's deadline allows for (default MIN_TRANSFER_RATE). */
  minRateBytesPerSec?: number;
  /**
   * The command's deadline: when it aborts, every request in flight fails at once with its reason
   * (a deadline GateError), naming the request.
   */
  signal?: AbortSignal;
}
