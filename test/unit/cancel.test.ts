/**
 * Issue 19 item 3, the plumbing: SIGINT/SIGTERM abort the run's signal with `cancelled (SIGTERM)`;
 * the HTTP client cuts the request in flight with that error; an upload that was cut cancels its
 * session at the registry (DELETE, counted here); the CLI exits 130/143 and a second signal exits
 * at once. Signals are injected (an EventEmitter), the moment is a request the registry sees:
 * nothing waits on the clock.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import crypto from 'node:crypto';
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { cancelledError, isCancelled, listenForCancel, type StopSignal } from '../../src/core/index.js';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { MediaType } from '../../src/oci/types.js';
import { captureIO } from '../helpers/cli.js';
import { main } from '../../src/cli/main.js';
import { writeOciLayout } from '../fixtures/images.js';
import { resolveGateOptions } from '../../src/config/index.js';
import { runSteps } from '../../src/gate/index.js';
import { Redactor, silentLogger } from '../../src/logger.js';
import { parseReference } from '../../src/oci/index.js';
import { fakeWorld } from '../helpers/fake-roles.js';

const started: EmbeddedRegistry[] = [];
afterEach(async () => {
  for (const r of started.splice(0)) await r.stop();
});

/** An embedded registry that counts upload-session DELETEs and calls `onPut` at the first blob PUT. */
async function countingRegistry(onPut: () => void): Promise<{ reg: EmbeddedRegistry; deletes: string[] }> {
  const deletes: string[] = [];
  let put = false;
  const reg = await startEmbeddedRegistry({
    intercept: (req: http.IncomingMessage) => {
      const url = req.url ?? '';
      if (req.method === 'DELETE' && url.includes('/blobs/uploads/')) deletes.push(url);
      if ((req.method === 'PUT' || req.method === 'PATCH') && url.includes('/blobs/uploads/') && !put) {
        put = true;
        onPut();
      }
      return false;
    },
  });
  started.push(reg);
  return { reg, deletes };
}

/** A blob of `size` bytes, streamed lazily (never in memory as a whole). */
function bigBlob(size: number): { digest: string; open: () => Readable } {
  const chunk = Buffer.alloc(1024 * 1024, 7);
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

describe('listenForCancel', () => {
  it('the first signal aborts with cancelled (SIGTERM), exit 143; a second exits at once', () => {
    const source = new EventEmitter();
    const exits: [number, StopSignal][] = [];
    const c = listenForCancel(source, (code, sig) => exits.push([code, sig]));
    expect(c.signal.aborted).toBe(false);
    source.emit('SIGTERM');
    expect(c.signal.aborted).toBe(true);
    expect(isCancelled(c.signal.reason)).toBe(true);
    expect(c.signal.reason).toMatchObject({
      code: 'CANCELLED',
      message: 'cancelled (SIGTERM)',
      exitCode: 143,
    });
    expect(c.received).toBe('SIGTERM');
    expect(exits).toEqual([]);
    source.emit('SIGINT');
    expect(exits).toEqual([[130, 'SIGINT']]);
    c.dispose();
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
  });

  it('SIGINT is exit 130', () => {
    expect(cancelledError('SIGINT').exitCode).toBe(130);
    expect(cancelledError('SIGTERM').exitCode).toBe(143);
  });
});

describe('a cancelled upload', () => {
  it('fails with the cancellation and cancels its upload session at the registry (one DELETE)', async () => {
    const ac = new AbortController();
    const { reg, deletes } = await countingRegistry(() => {
      ac.abort(cancelledError('SIGTERM'));
    });
    const client = new RegistryClient({ http: new HttpClient({ signal: ac.signal }) });
    const repo = client.repository(reg.host, 'team/app');
    const blob = bigBlob(32 * 1024 * 1024);
    const err: unknown = await repo
      .pushBlob({ mediaType: MediaType.OciLayer, digest: blob.digest, size: 32 * 1024 * 1024 }, blob.open)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CANCELLED', message: 'cancelled (SIGTERM)', exitCode: 143 });
    expect(deletes).toHaveLength(1);
    client.close();
    // Nothing of the blob was committed.
    const fresh = new RegistryClient({ http: new HttpClient() });
    expect(await fresh.repository(reg.host, 'team/app').blobExists(blob.digest)).toBeUndefined();
    fresh.close();
  });
});

describe('the CLI on SIGTERM', () => {
  it('push: exit 143, the running step named cancelled, the upload session DELETEd, no tag', async () => {
    const signals = new EventEmitter();
    const { reg, deletes } = await countingRegistry(() => signals.emit('SIGTERM'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-cancel-'));
    const img = await writeOciLayout(path.join(dir, 'img'), {
      layers: 2,
      layerSize: 4 * 1024 * 1024,
      random: true,
      seed: 1,
    });
    const exits: number[] = [];
    const io = { ...captureIO({ cwd: dir }), signals, exitNow: (code: number) => exits.push(code) };
    const code = await main(
      ['push', '--source', `oci:${img.dir}`, '--image', `${reg.host}/team/app:1`],
      {},
      io,
    );
    const err = io.err.join('');
    expect(code, err).toBe(143);
    expect(err).toContain('SIGTERM: cancelling the running step');
    expect(err).toContain('error [CANCELLED]: cancelled (SIGTERM)');
    expect(deletes.length).toBeGreaterThanOrEqual(1);
    expect(exits).toEqual([]);
    // No manifest, no tag.
    const client = new RegistryClient({ http: new HttpClient() });
    expect(await client.repository(reg.host, 'team/app').resolve('1')).toBeUndefined();
    client.close();
    // The listeners are gone once the command ended.
    expect(signals.listenerCount('SIGTERM')).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a second signal exits at once with its code', async () => {
    const signals = new EventEmitter();
    const exits: number[] = [];
    const { reg } = await countingRegistry(() => {
      signals.emit('SIGINT');
      signals.emit('SIGINT');
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-cancel-'));
    const img = await writeOciLayout(path.join(dir, 'img'), {
      layers: 1,
      layerSize: 1024 * 1024,
      random: true,
      seed: 2,
    });
    const io = { ...captureIO({ cwd: dir }), signals, exitNow: (code: number) => exits.push(code) };
    const code = await main(
      ['push', '--source', `oci:${img.dir}`, '--image', `${reg.host}/team/app:2`],
      {},
      io,
    );
    expect(exits).toEqual([130]);
    expect(io.err.join('')).toContain('SIGINT again: exiting at once');
    expect(code).toBe(130);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('a gate run cancelled in a step', () => {
  const IMAGE = 'harbor.example.com/team/app:1';

  async function cancelledRun(step: 'push' | 'scan' | 'sign', json: string) {
    const w = fakeWorld(IMAGE);
    w.fail[step] = cancelledError('SIGTERM');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-cancel-run-'));
    const options = await resolveGateOptions(
      { image: IMAGE, source: 'oci:./img', 'signing-key': 'cosign.key', 'json-report': path.join(dir, json) },
      { env: {}, cwd: dir },
    );
    const r = await runSteps(
      options,
      w.roles,
      { ref: parseReference(IMAGE) },
      { redactor: new Redactor(), logger: silentLogger },
    );
    const report = JSON.parse(fs.readFileSync(path.join(dir, json), 'utf8')) as Record<string, unknown>;
    fs.rmSync(dir, { recursive: true, force: true });
    return { r, report, events: w.events };
  }

  it('during the push: verdict error, failed step push, cancelled (SIGTERM), exit 143, report written', async () => {
    const { r, report } = await cancelledRun('push', 'r.json');
    expect(r.verdict).toBe('error');
    expect(r.failedStep).toBe('push');
    expect(r.error).toMatchObject({
      code: 'CANCELLED',
      message: 'cancelled (SIGTERM)',
      exitCode: 143,
    });
    expect(r.exitCode).toBe(143);
    expect(report.verdict).toBe('error');
    expect((report.outcome as { left: string }).left).toBe(r.left);
    expect(r.left).toBe(
      "left in the registry: no manifest and no tag in harbor.example.com/team/app (the push was cancelled; its open upload sessions were cancelled, blobs already uploaded wait for the registry's garbage collection)",
    );
  });

  it('during the scan: the pushed and signed image is what was left, in one line', async () => {
    const { r, events } = await cancelledRun('scan', 'r.json');
    // After the cancel nothing more is written: no superseding of older attestations.
    expect(events).not.toContain('supersede');
    expect(r.verdict).toBe('error');
    expect(r.failedStep).toBe('scan');
    expect(r.exitCode).toBe(143);
    expect(r.left).toMatch(
      /^left in the registry: the image sha256:[0-9a-f]{64} \(tags 1\); .*the signature sha256:/,
    );
  });
});
