/**
 * Network and registry answers diagnosed in words a user can act on: a refused connection fails
 * fast and names host:port, a web page on the registry port is "not an OCI registry", and a
 * denial after the credentials were accepted names the project.
 */
import { fakeClock } from '../helpers/clock.js';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { HttpClient } from '../../src/http/client.js';
import { diagnoseNetworkError, networkErrorCode } from '../../src/http/diagnose.js';
import type { Logger } from '../../src/logger.js';
import { staticCredentials } from '../../src/oci/credentials.js';
import { RegistryClient } from '../../src/oci/registry.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function capture(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const push = (m: string): void => {
    lines.push(m);
  };
  return { logger: { debug: () => undefined, info: push, warn: push, error: push }, lines };
}

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A loopback port nobody listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function registryClient(
  logger?: Logger,
  extra: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {},
) {
  const clock = fakeClock();
  const sleeps = clock.sleeps;
  const httpClient = new HttpClient({
    env: {},
    ...(logger ? { logger } : {}),
    clock,
  });
  const client = new RegistryClient({ http: httpClient, ...(logger ? { logger } : {}), ...extra });
  cleanups.push(() => client.close());
  return { client, sleeps };
}

describe('a refused connection', () => {
  it('fails after two quick retries, logs each retry, and names host:port with the likely cause', async () => {
    const port = await closedPort();
    const { logger, lines } = capture();
    const { client, sleeps } = registryClient(logger);
    const err = await client
      .repository(`127.0.0.1:${port}`, 'team/app')
      .listTags()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GateError);
    const ge = err as GateError;
    expect(ge.code).toBe('HTTP_NETWORK');
    expect(ge.exitCode).toBe(3);
    expect(ge.message).toBe(
      `connection refused by 127.0.0.1:${port} (3 attempts): is the registry/Harbor running and is the port right?`,
    );
    expect(ge.remedy).toContain(`listening on 127.0.0.1:${port}`);
    // two retries, each at most 0.6 s: the whole wait stays under 2 s (the default policy would wait ~15 s)
    expect(sleeps).toHaveLength(2);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1200);
    // Each retry is announced when it starts (after its sleep), naming what it follows.
    const retries = lines.filter((l) => / retry \d of /.test(l));
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatch(
      new RegExp(`^127\\.0\\.0\\.1:${port}: retry 1 of 2 after .*ECONNREFUSED.* \\(waited 0\\.\\d s\\)$`),
    );
  });

  it('finds the code in an AggregateError (IPv6 and IPv4 both refused) and diagnoses DNS failures', () => {
    const agg = Object.assign(
      new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
      {},
    );
    expect(networkErrorCode(agg)).toBe('ECONNREFUSED');
    expect(networkErrorCode({ message: 'wrapped', cause: { code: 'ENOTFOUND' } })).toBe('ENOTFOUND');
    const dns = diagnoseNetworkError('https://harbor.exmaple.com/v2/', 'ENOTFOUND', 1);
    expect(dns?.message).toBe('cannot resolve the host name harbor.exmaple.com (no such host, 1 attempt)');
    expect(dns?.remedy).toContain('spelling');
    expect(diagnoseNetworkError('https://h.example.com/v2/', 'ECONNRESET', 6)).toBeUndefined();
    expect(diagnoseNetworkError('https://h.example.com/v2/', 'ECONNREFUSED', 3)?.message).toContain(
      'h.example.com:443',
    );
  });
});

describe('a web page on the registry port', () => {
  it('is "not an OCI registry API", not "the registry is overloaded"', async () => {
    const host = await listen((req, res) => {
      req.resume();
      res.writeHead(501, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>501 Not Implemented</h1></body></html>');
    });
    const { client, sleeps } = registryClient();
    const err = await client
      .repository(host, 'team/app')
      .pushBlobBytes(Buffer.from('layer'), 'application/vnd.oci.image.layer.v1.tar')
      .catch((e: unknown) => e);
    const ge = err as GateError;
    expect(ge.code).toBe('REGISTRY_NOT_OCI');
    expect(ge.exitCode).toBe(2);
    expect(ge.message).toMatch(
      new RegExp(
        `^not an OCI registry API at http://${host.replace(/\./g, '\\.')}/v2/team/app/blobs/.* \\(got HTTP 501 text/html; `,
      ),
    );
    expect(ge.message).not.toMatch(/overloaded/);
    expect(ge.remedy).toContain(`Check the host and port of --image (${host})`);
    // 501 is not retried as if it were a passing overload
    expect(sleeps).toEqual([]);
  });

  it('keeps a gateway 503 (an HTML error page from a proxy) as a failing registry', async () => {
    const host = await listen((req, res) => {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html>Service Unavailable</html>');
    });
    const { client } = registryClient();
    const err = await client
      .repository(host, 'team/app')
      .listTags()
      .catch((e: unknown) => e);
    expect((err as GateError).code).toBe('REGISTRY_UNAVAILABLE');
  });
});

describe('access denied after the credentials were accepted (Harbor: a project that does not exist)', () => {
  /** Harbor-like: the token service accepts alice and issues a token without access; the registry says 401. */
  async function harborLike(): Promise<{ host: string; tokens: () => number }> {
    let tokens = 0;
    let host = '';
    host = await listen((req, res) => {
      req.resume();
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (url.pathname === '/service/token') {
        const basic = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
        if (req.headers.authorization !== basic) {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end('{"errors":[{"code":"UNAUTHORIZED","message":"invalid credentials"}]}');
          return;
        }
        tokens++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ token: `t${tokens}`, expires_in: 1800 }));
        return;
      }
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': `Bearer realm="http://${host}/service/token",service="harbor-registry",scope="repository:nonexistent/app:pull"`,
      });
      res.end(
        '{"errors":[{"code":"UNAUTHORIZED","message":"project nonexistent not found: \\u001b[31mred\\u001b[0m","detail":[{"Type":"repository","Name":"nonexistent/app","Action":"pull"}]}]}',
      );
    });
    return { host, tokens: () => tokens };
  }

  it("says the credentials were accepted and names the project, with the registry's words cleaned", async () => {
    const h = await harborLike();
    const { client } = registryClient(undefined, { credentials: staticCredentials('alice', 's3cret') });
    const err = await client
      .repository(h.host, 'nonexistent/app')
      .listTags()
      .catch((e: unknown) => e);
    const ge = err as GateError;
    expect(h.tokens()).toBeGreaterThan(0);
    expect(ge.code).toBe('REGISTRY_DENIED');
    expect(ge.message).toContain('was refused although the credentials were accepted');
    expect(ge.message).toContain('the project "nonexistent" or repository nonexistent/app does not exist');
    expect(ge.message).toContain('UNAUTHORIZED project nonexistent not found');
    expect(ge.message).not.toContain('\u001b');
    expect(ge.message).not.toMatch(/give credentials/i);
    expect(ge.remedy).toContain('Create the project first');
  });

  it('says so when the token service refuses the credentials themselves', async () => {
    const h = await harborLike();
    const { client } = registryClient(undefined, { credentials: staticCredentials('alice', 'wrong') });
    const err = await client
      .repository(h.host, 'nonexistent/app')
      .listTags()
      .catch((e: unknown) => e);
    expect((err as GateError).code).toBe('AUTH_FAILED');
  });

  it('a repository without a project part says Harbor needs one', async () => {
    const h = await harborLike();
    const { client } = registryClient(undefined, { credentials: staticCredentials('alice', 's3cret') });
    const err = await client
      .repository(h.host, 'app')
      .listTags()
      .catch((e: unknown) => e);
    expect((err as GateError).message).toContain(
      `the repository path "app" has no project part (Harbor needs host/<project>/app)`,
    );
  });
});
