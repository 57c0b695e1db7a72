/**
 * Issue 20, item 11: `*.localhost` counted as loopback without being resolved, so plain HTTP and
 * Basic credentials went wherever the name resolved. Loopback is an address in 127.0.0.0/8 or
 * ::1, or a name that resolves only to those. Names are resolved with an injected lookup: a
 * non-loopback answer is a documentation address (TEST-NET), which the client must never contact.
 */
import http from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackHost, isLoopbackName } from '../../src/core/index.js';
import { HttpClient } from '../../src/http/index.js';
import { GateError } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';

/** A lookup answering `answers` for every name, recording the names asked. */
function lookupTo(answers: string[], asked: string[]): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...a: unknown[]) => void) => {
    asked.push(hostname);
    const list = answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  }) as unknown as LookupFunction;
}

let server: http.Server;
let port: number;
const authorizations: string[] = [];
let hits = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits++;
    if (req.headers.authorization) authorizations.push(req.headers.authorization);
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="registry"', 'Content-Type': 'application/json' });
    res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('what counts as loopback', () => {
  it('addresses in 127.0.0.0/8 and ::1; names only through resolution', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackAddress(a), a).toBe(true);
    }
    for (const a of ['128.0.0.1', '127.0.0.256', '10.0.0.1', '::2', 'localhost', 'a.localhost', '0.0.0.0']) {
      expect(isLoopbackAddress(a), a).toBe(false);
    }
    expect(isLoopbackName('localhost')).toBe(true);
    expect(isLoopbackName('Registry.Localhost.')).toBe(true);
    expect(isLoopbackName('localhost.evil.example')).toBe(false);
    // Plain HTTP may be chosen for either; a name is then checked when the client connects.
    expect(isLoopbackHost('registry.localhost')).toBe(true);
    expect(isLoopbackHost('evil.example')).toBe(false);
  });
});

describe('a loopback name that resolves off the machine', () => {
  it('is refused before connecting when it resolves elsewhere (HTTP_NOT_LOOPBACK, exit 2)', async () => {
    const asked: string[] = [];
    const client = new HttpClient({ env: {}, lookup: lookupTo(['203.0.113.7'], asked) });
    const before = hits;
    const err = await client
      .request({
        method: 'GET',
        url: `http://evil.localhost:${String(port)}/v2/`,
        headers: { Authorization: 'Basic dXNlcjpzM2NyZXQ=' },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    client.close();
    expect(err).toBeInstanceOf(GateError);
    expect(err).toMatchObject({
      code: 'HTTP_NOT_LOOPBACK',
      exitCode: 2,
      message: expect.stringMatching(
        /^evil\.localhost is a loopback name, but it resolves to 203\.0\.113\.7/,
      ),
    });
    // Resolved once (not retried), nothing sent anywhere.
    expect(asked).toEqual(['evil.localhost']);
    expect(hits).toBe(before);
  });

  it('a name resolving to loopback and to another address sends no credentials (through the CLI)', async () => {
    // The first answer is the loopback server, so even the code before the fix contacted only it.
    const asked: string[] = [];
    const before = { hits, auth: authorizations.length };
    const r = await runCli(
      [
        'verify',
        '--image',
        `registry.localhost:${String(port)}/proj/app@sha256:${'a'.repeat(64)}`,
        '--key',
        'test/fixtures/keys/cosign-p256.pub',
        '--username',
        'robot',
      ],
      { HARBOR_GATE_PASSWORD: 's3cret' },
      { lookup: lookupTo(['127.0.0.1', '192.0.2.1'], asked) },
    );
    expect(authorizations.slice(before.auth)).toEqual([]);
    expect(hits).toBe(before.hits);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'error [HTTP_NOT_LOOPBACK]: registry.localhost is a loopback name, but it resolves to 192.0.2.1',
    );
    expect(asked[0]).toBe('registry.localhost');
  });

  it('a name resolving only to loopback works as before', async () => {
    const asked: string[] = [];
    const client = new HttpClient({ env: {}, lookup: lookupTo(['127.0.0.1', '::1'], asked) });
    const res = await client.request({ method: 'GET', url: `http://ok.localhost:${String(port)}/v2/` });
    client.close();
    expect(res.status).toBe(401);
    expect(asked).toEqual(['ok.localhost']);
  });
});
