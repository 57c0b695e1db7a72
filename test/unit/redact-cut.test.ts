/**
 * A remote error body that echoes the Authorization header, cut by cleanText's bound inside the
 * secret: the start of the secret must not reach any output (before the fix, `scan --json` showed
 * `Basic cm9ib3QkdGVhbStjaTpTM2NyZXQtUm9ib3Qt…`, which decodes to `robot$team+ci:S3cret-Robot-`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { Redactor } from '../../src/logger.js';
import { cleanText } from '../../src/core/index.js';

const USER = 'robot$team+ci';
const PASSWORD = 'S3cret-Robot-Password-7781';
const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
let port = 0;
let server: http.Server;
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-redact-cut-'));
  // An echoing proxy or service: 400 with the request's Authorization header in its error text,
  // padded so that Harbor's 400-character bound cuts inside the base64.
  server = http.createServer((req, res) => {
    const auth = req.headers.authorization ?? '(none)';
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        errors: [{ code: 'BAD', message: `echo ${'x'.repeat(331)} Authorization: ${auth}` }],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('Redactor: secrets cut by a length bound', () => {
  it('redacts the start of a secret left before an ellipsis, in every form', () => {
    const r = new Redactor();
    r.addCredential(USER, PASSWORD);
    const cutBasic = cleanText(`Authorization: Basic ${BASIC}`, 40);
    expect(cutBasic).toMatch(/Basic cm9i.*…$/);
    expect(r.redact(cutBasic)).toBe('Authorization: Basic ***…');
    expect(r.redact(cleanText(`password=${PASSWORD}`, 20))).toBe('password=***…');
    // Text that is not a secret's start keeps its ellipsis and its words.
    expect(r.redact('a description that was cut…')).toBe('a description that was cut…');
  });

  it('scan --json and stderr carry no part of user:password from an echoed header', async () => {
    const r = await runCli(
      [
        'scan',
        '--image',
        `127.0.0.1:${port}/team/app@sha256:${'a'.repeat(64)}`,
        '--harbor-url',
        `http://127.0.0.1:${port}`,
        '--username',
        USER,
        '--json',
      ],
      { HARBOR_GATE_PASSWORD: PASSWORD, DOCKER_CONFIG: tmp },
      { cwd: tmp },
    );
    expect(r.code).toBe(3);
    const all = r.out + r.err;
    expect(all).toContain('Authorization: Basic ***…');
    expect(all).not.toContain(BASIC.slice(0, 12));
  });
});
