/**
 * The embedded registry (demo and fast tests) as an independent client sees it: skopeo reads
 * what was pushed to it byte for byte. skopeo is an integration tool, so this lives here.
 */
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { MediaType } from '../../src/oci/types.js';

const run = promisify(execFile);

describe('embedded registry and skopeo', () => {
  let reg: EmbeddedRegistry;
  beforeAll(async () => {
    reg = await startEmbeddedRegistry();
  });
  afterAll(() => reg.stop());

  it('is readable by skopeo', async () => {
    const client = new RegistryClient({ http: new HttpClient() });
    const repo = client.repository(reg.host, 'p/skopeo');
    const config = await repo.pushBlobBytes(
      Buffer.from('{"architecture":"amd64","os":"linux"}'),
      MediaType.OciConfig,
    );
    const layer = await repo.pushBlobBytes(crypto.randomBytes(100), MediaType.OciLayer);
    const m = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }),
    );
    await repo.pushManifest('v1', m, MediaType.OciManifest);
    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${reg.host}/p/skopeo:v1`,
    ]);
    expect(Buffer.from(stdout).equals(m)).toBe(true);
    client.close();
  });
});
