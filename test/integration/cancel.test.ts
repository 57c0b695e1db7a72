/**
 * Issue 19 item 3 against the real docker-registry: a push cancelled mid-blob leaves nothing in the
 * registry's `_uploads` (its upload session is DELETEd), and a gate run cancelled during the push
 * ends like any other run: verdict error, failed step push, reason `cancelled (SIGTERM)`, the JSON
 * report written, one line on what was left, exit 143. The moment of the signal is counted in
 * bytes sent, never in time.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelledError } from '../../src/core/index.js';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { MediaType } from '../../src/oci/types.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';
import { runAction } from '../../src/action/main.js';
import { PASSWORD, ROBOT, startGateEnv, type GateEnv } from '../helpers/harbor-env.js';

const SIZE = 64 * 1024 * 1024;
let reg: TestRegistry;

beforeAll(async () => {
  reg = await startRegistry();
}, 60_000);
afterAll(async () => {
  await reg.stop();
});

/** Bytes (all, and of `data` files) and sessions under the repository's `_uploads`. */
function uploads(repository: string): { bytes: number; data: number; entries: number } {
  const dir = path.join(reg.dataDir, 'docker/registry/v2/repositories', repository, '_uploads');
  let bytes = 0;
  let data = 0;
  let entries = 0;
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        bytes += fs.statSync(p).size;
        if (e.name === 'data') data += fs.statSync(p).size;
      }
      if (d === dir) entries++;
    }
  };
  walk(dir);
  return { bytes, data, entries };
}

function bigBlob(size: number): { digest: string; open: () => Readable } {
  const chunk = crypto.randomBytes(1024 * 1024);
  const h = crypto.createHash('sha256');
  for (let n = 0; n < size; n += chunk.length) h.update(chunk.subarray(0, Math.min(chunk.length, size - n)));
  const open = (): Readable =>
    Readable.from(
      (function* () {
        for (let n = 0; n < size; n += chunk.length)
          yield chunk.subarray(0, Math.min(chunk.length, size - n));
      })(),
    );
  return { digest: `sha256:${h.digest('hex')}`, open };
}

/** What the registry leaves of a session opened and DELETEd at once, without a byte sent. */
async function emptySessionLeftover(): Promise<{ bytes: number; entries: number }> {
  const post = await fetch(`${reg.url}/v2/cancel/empty/blobs/uploads/`, { method: 'POST' });
  const location = new URL(post.headers.get('location') ?? '', reg.url).toString();
  await post.arrayBuffer();
  const del = await fetch(location, { method: 'DELETE' });
  await del.arrayBuffer();
  expect(del.status).toBe(204);
  const { bytes, entries } = uploads('cancel/empty');
  return { bytes, entries };
}

describe('a push cancelled mid-blob (docker-registry)', () => {
  it('fails with cancelled (SIGTERM) and leaves nothing in _uploads', async () => {
    const ac = new AbortController();
    const client = new RegistryClient({ http: new HttpClient({ signal: ac.signal }) });
    const repo = client.repository(reg.host, 'cancel/blob');
    const blob = bigBlob(SIZE);
    // onProgress counts bytes up, and takes them back when the upload fails: keep the peak.
    let sent = 0;
    let peak = 0;
    const err: unknown = await repo
      .pushBlob({ mediaType: MediaType.OciLayer, digest: blob.digest, size: SIZE }, blob.open, {
        onProgress: (n) => {
          sent += n;
          peak = Math.max(peak, sent);
          if (sent >= 16 * 1024 * 1024 && !ac.signal.aborted) ac.abort(cancelledError('SIGTERM'));
        },
      })
      .catch((e: unknown) => e);
    client.close();
    expect(err).toMatchObject({ code: 'CANCELLED', exitCode: 143 });
    expect(peak).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    expect(peak).toBeLessThan(SIZE);
    // No byte of the blob is left in an upload session: what remains is exactly what
    // docker-registry 2.8.2 itself leaves behind a DELETE of a session that never got a byte (its
    // deferred close writes a hash state of 108 bytes after the cancel removed the session).
    const left = uploads('cancel/blob');
    expect(left.data).toBe(0);
    const baseline = await emptySessionLeftover();
    expect(left).toEqual({ ...baseline, data: 0 });
  }, 60_000);
});

describe('the Action on SIGTERM during the scan (real registry, embedded Harbor)', () => {
  let env: GateEnv;
  beforeAll(async () => {
    env = await startGateEnv();
  }, 60_000);
  afterAll(async () => {
    await env.stop();
  });

  it('ends with verdict error, failed step scan, every output and the SARIF written, exit 143', async () => {
    const img = await env.image('cancel-action');
    const tmp = env.tmp;
    const outputFile = path.join(tmp, `github-output-${crypto.randomUUID()}`);
    const summaryFile = path.join(tmp, `step-summary-${crypto.randomUUID()}.md`);
    const sarif = path.join(tmp, 'cancel.sarif');
    fs.writeFileSync(outputFile, '');
    fs.writeFileSync(summaryFile, '');
    const inputs: Record<string, string> = {
      image: `${env.harbor.host}/team/cancel:1`,
      source: `oci:${img.dir}`,
      username: ROBOT,
      password: PASSWORD,
      'harbor-url': env.harbor.url,
      sign: 'false',
      sarif,
    };
    const saved = { ...process.env };
    const write = process.stdout.write.bind(process.stdout);
    let stdout = '';
    let signalled = false;
    // The moment: the log line that says the scan started (a request counted, not a time).
    process.stdout.write = (chunk: string | Uint8Array) => {
      stdout += chunk.toString();
      if (!signalled && stdout.includes('scan started of')) {
        signalled = true;
        process.emit('SIGTERM');
      }
      return true;
    };
    let code: number;
    try {
      for (const [k, v] of Object.entries(inputs))
        process.env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
      process.env.GITHUB_OUTPUT = outputFile;
      process.env.GITHUB_STEP_SUMMARY = summaryFile;
      process.env.GITHUB_WORKSPACE = tmp;
      process.env.DOCKER_CONFIG = tmp;
      code = await runAction(undefined, process.env);
    } finally {
      process.stdout.write = write;
      process.env = saved;
    }
    const outputs = fs.readFileSync(outputFile, 'utf8');
    const output = (name: string): string | undefined =>
      new RegExp(`^${name}<<(.+)\\n([\\s\\S]*?)\\n\\1$`, 'm').exec(outputs)?.[2];
    expect(signalled, stdout).toBe(true);
    expect(code, stdout).toBe(143);
    expect(output('verdict')).toBe('error');
    expect(output('failed-step')).toBe('scan');
    expect(output('digest')).toBe(img.digest);
    expect(stdout).toContain('cancelled (SIGTERM)');
    expect(stdout).toContain('left in the registry: the image');
    expect(fs.readFileSync(summaryFile, 'utf8')).toContain('cancelled (SIGTERM)');
    expect(fs.existsSync(sarif)).toBe(true);
    // The listeners are gone with the run.
    expect(process.listenerCount('SIGTERM')).toBe(0);
  }, 60_000);
});
