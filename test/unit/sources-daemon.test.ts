import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource, parseSource } from '../../src/oci/sources/index.js';
import { MediaType } from '../../src/oci/types.js';
import { writeDockerArchive } from '../fixtures/images.js';

let dir: string;
let archive: string;
beforeAll(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'hg-daemon-'));
  archive = path.join(dir, 'saved.tar');
  await writeDockerArchive(archive, { layers: 2, format: 'classic', repoTags: ['app:1.0'] });
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

/** A stand-in `docker` CLI: records its arguments, then runs the given shell body. */
async function fakeDocker(name: string, body: string): Promise<string> {
  const file = path.join(dir, name);
  await fsp.writeFile(file, `#!/bin/sh\necho "$@" > "$0.args"\n${body}\n`, { mode: 0o755 });
  return file;
}

async function tmp(): Promise<string> {
  return fsp.mkdtemp(path.join(dir, 'tmp-'));
}

describe('docker-daemon:', () => {
  it('streams docker save into a temp file, reads it as a docker-archive, and deletes it on close', async () => {
    const docker = await fakeDocker('docker-ok', `cat "$ARCHIVE"`);
    const tmpDir = await tmp();
    const source = await openSource(parseSource('docker-daemon:app:1.0'), {
      dockerCommand: docker,
      tmpDir,
      env: { ...process.env, ARCHIVE: archive },
    });
    expect((await fsp.readFile(`${docker}.args`, 'utf8')).trim()).toBe('save app:1.0');
    expect(source.name).toBe('docker-daemon:app:1.0');
    expect(source.root.descriptor.mediaType).toBe(MediaType.DockerManifest);
    expect(source.blobs).toHaveLength(3);
    expect(await fsp.readdir(tmpDir)).toHaveLength(1);
    await source.close();
    expect(await fsp.readdir(tmpDir)).toEqual([]);
  });

  it.each([
    [
      'daemon not running',
      'echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1',
      { code: 'SOURCE_DOCKER_DAEMON_UNREACHABLE', kind: 'infra' },
    ],
    [
      'image not found',
      'echo "Error response from daemon: reference does not exist" >&2; exit 1',
      { code: 'SOURCE_DOCKER_IMAGE_NOT_FOUND', kind: 'input' },
    ],
    [
      'another failure',
      'echo "disk quota exceeded" >&2; exit 2',
      { code: 'SOURCE_DOCKER_SAVE_FAILED', kind: 'infra' },
    ],
    ['garbage on stdout', 'echo "this is not a tar"', { code: 'SOURCE_TAR_INVALID', kind: 'input' }],
  ])('%s', async (name, body, want) => {
    const docker = await fakeDocker(`docker-${name.replace(/\W/g, '-')}`, body);
    const tmpDir = await tmp();
    await expect(
      openSource(parseSource('docker-daemon:app:1.0'), { dockerCommand: docker, tmpDir }),
    ).rejects.toMatchObject(want);
    expect(await fsp.readdir(tmpDir)).toEqual([]);
  });

  it('says so when the docker CLI is not installed', async () => {
    const tmpDir = await tmp();
    await expect(
      openSource(parseSource('docker-daemon:app:1.0'), {
        dockerCommand: path.join(dir, 'no-such-docker'),
        tmpDir,
      }),
    ).rejects.toMatchObject({
      code: 'SOURCE_DOCKER_NOT_INSTALLED',
      kind: 'input',
      remedy: expect.stringContaining('docker-archive:'),
    });
    expect(await fsp.readdir(tmpDir)).toEqual([]);
  });
});
