/**
 * A registry that answers the referrers API with hostile pages: an unparsable Link, junk
 * descriptors, a content type carrying escapes. Listing must not crash; verify stays exit 0/1.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { verifyImage } from '../../src/sign/verify-image.js';
import crypto from 'node:crypto';

const SUBJECT = `sha256:${'c'.repeat(64)}`;
const GOOD = `sha256:${'d'.repeat(64)}`;
let server: http.Server;
let host: string;
let link = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '';
    if (url === '/v2/' || url === '/v2') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      return;
    }
    if (url.startsWith(`/v2/hostile/app/referrers/${SUBJECT}`)) {
      res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.index.v1+json', Link: link }).end(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [
            null,
            'x',
            { mediaType: 5, digest: GOOD, size: 1 },
            { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: '../../etc', size: 1 },
            { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: GOOD, size: -1 },
            {
              mediaType: 'application/vnd.oci.image.manifest.v1+json',
              digest: GOOD,
              size: 10,
              artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
            },
          ],
        }),
      );
      return;
    }
    res
      .writeHead(404, { 'Content-Type': 'application/json' })
      .end(
        JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'x\n::error::forged\u001b[2J' }] }),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('a hostile referrers listing', () => {
  it.each([
    ['an unparsable next link', '<http://[>; rel="next"'],
    ['a next link to another origin', '<https://evil.example/v2/x>; rel="next"'],
    ['no link', ''],
  ])('%s: the well-formed descriptors are listed, junk ones skipped, nothing thrown', async (_n, l) => {
    link = l;
    const client = new RegistryClient({ http: new HttpClient({ env: {} }) });
    try {
      const repo = client.repository(host, 'hostile/app');
      const refs = await listReferrers(repo, SUBJECT);
      expect(refs.map((r) => r.digest)).toEqual([GOOD]);
      // verify: the listed referrer's manifest is gone (404 with an injected body): exit-1 verdict.
      const key = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
      const v = await verifyImage(repo, SUBJECT, { key });
      expect(v.verified).toBe(false);
      for (const s of v.signatures) {
        expect(s.ok).toBe(false);
        // eslint-disable-next-line no-control-regex
        expect(s.reason).not.toMatch(/[\u0000-\u001f]|(^|\s)::/);
      }
    } finally {
      client.close();
    }
  });
});
