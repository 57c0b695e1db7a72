import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/cli.js';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import { HttpClient } from '../../src/http/client.js';
import { listReferrers } from '../../src/oci/referrers.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { MediaType } from '../../src/oci/types.js';

const FIX = path.join(import.meta.dirname, '..', 'fixtures', 'sbom');

const io = (): ReturnType<typeof captureIO> => captureIO();

const env = { HOME: '/nonexistent', DOCKER_CONFIG: '/nonexistent' };

describe('harbor-gate attach-sbom', () => {
  let reg: EmbeddedRegistry;
  let subject: string;
  beforeAll(async () => {
    reg = await startEmbeddedRegistry();
    const repo = new RegistryClient({ http: new HttpClient() }).repository(reg.host, 'cli/app');
    const config = await repo.pushBlobBytes(
      Buffer.from('{"os":"linux","architecture":"amd64"}'),
      MediaType.OciConfig,
    );
    const layer = await repo.pushBlobBytes(Buffer.from('layer'), MediaType.OciLayer);
    const m = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }),
    );
    subject = (await repo.pushManifest('v1', m, MediaType.OciManifest)).digest;
  });
  afterAll(() => reg.stop());

  it('attaches by tag and prints the CLI.md JSON; the same SBOM again gives the same digest', async () => {
    const a = io();
    const code = await main(
      [
        'attach-sbom',
        '--image',
        `${reg.host}/cli/app:v1`,
        '--sbom',
        path.join(FIX, 'spdx-2.3.json'),
        '--json',
      ],
      env,
      a,
    );
    expect(a.err.join('')).not.toMatch(/error/);
    expect(code).toBe(0);
    const json = JSON.parse(a.out.join(''));
    expect(json).toMatchObject({ subject, artifactType: 'application/spdx+json', referrersApi: true });
    expect(json.digest).toMatch(/^sha256:[a-f0-9]{64}$/);

    const b = io();
    expect(
      await main(
        [
          'attach-sbom',
          '--image',
          `${reg.host}/cli/app@${subject}`,
          '--sbom',
          path.join(FIX, 'spdx-2.3.json'),
        ],
        env,
        b,
      ),
    ).toBe(0);
    expect(b.out.join('').trim()).toBe(json.digest);
    const repo = new RegistryClient({ http: new HttpClient() }).repository(reg.host, 'cli/app');
    expect((await listReferrers(repo, subject)).map((d) => d.digest)).toEqual([json.digest]);
  });

  it('fails with exit 2 and the SBOM code for a file that is not an SBOM, before any network call', async () => {
    const a = io();
    const code = await main(
      [
        'attach-sbom',
        '--image',
        '127.0.0.1:1/cli/app:v1',
        '--sbom',
        path.join(FIX, 'package.json'),
        '--json',
      ],
      env,
      a,
    );
    expect(code).toBe(2);
    expect(a.out.join('')).toContain('SBOM_UNKNOWN_FORMAT');
  });

  it('fails with exit 2 when the image is not in the registry', async () => {
    const a = io();
    const code = await main(
      [
        'attach-sbom',
        '--image',
        `${reg.host}/cli/app:nope`,
        '--sbom',
        path.join(FIX, 'cyclonedx-1.5.json'),
        '--json',
      ],
      env,
      a,
    );
    expect(code).toBe(2);
    expect(a.out.join('')).toContain('ATTACH_IMAGE_NOT_FOUND');
  });
});
