/** Reading response bodies within a byte limit (truncation detected), and JSON bodies with a clear error. */
import type { Readable } from 'node:stream';
import { cleanText } from '../core/index.js';
import { GateError } from '../errors.js';
import type { HttpResponse } from './client.js';
import { hostOf } from './url.js';

export async function drain(stream: Readable): Promise<void> {
  stream.resume();
  await new Promise<void>((resolve) => {
    stream.once('end', resolve);
    stream.once('error', () => {
      resolve();
    });
    stream.once('close', resolve);
  });
}

/** Read a body into memory, refusing more than `max` bytes and detecting truncation. */
export async function readLimited(
  stream: Readable,
  max: number,
  url: string,
  headers: Record<string, string>,
): Promise<Buffer> {
  const declared =
    headers['content-length'] !== undefined && !headers['content-encoding']
      ? Number(headers['content-length'])
      : NaN;
  if (Number.isFinite(declared) && declared > max) {
    stream.destroy();
    throw tooLarge(url, max);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    total += b.length;
    if (total > max) {
      stream.destroy();
      throw tooLarge(url, max);
    }
    chunks.push(b);
  }
  if (Number.isFinite(declared) && total < declared) {
    throw Object.assign(new Error(`body truncated: ${total} of ${declared} bytes`), {
      code: 'BODY_TRUNCATED',
    });
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(url: string, max: number): GateError {
  return new GateError({
    code: 'HTTP_BODY_TOO_LARGE',
    message: `the response from ${hostOf(url)} is larger than the ${max} byte limit`,
    remedy: 'The server sent an unexpectedly large response; check that the URL points at the right service.',
    kind: 'infra',
  });
}

/** Parse a JSON body with a clear infra error naming the host when it is not JSON. */
export function parseJson(res: HttpResponse, what: string): unknown {
  try {
    return JSON.parse(res.body.toString('utf8')) as unknown;
  } catch (e) {
    throw new GateError({
      code: 'HTTP_BAD_JSON',
      message: `${what} from ${hostOf(res.url)} is not valid JSON (HTTP ${res.status}, ${cleanText(res.headers['content-type'] ?? 'no content type', 100)})`,
      remedy: 'Check that the URL points at the right service and that no proxy rewrites its answers.',
      kind: 'infra',
      cause: e,
    });
  }
}
