/**
 * `docker-daemon:NAME:TAG`: `docker save NAME:TAG` streamed into a temporary file, which is then
 * read as a docker-archive. The copy is needed because the pusher uploads blobs in parallel from
 * byte ranges; `docker save` writes one sequential stream.
 *
 * This uses child_process.spawn rather than @actions/exec: @actions/exec hands stdout to a listener
 * callback with no way to pause the child, so a slow disk would make the image pile up in memory;
 * stream.pipeline from the child's stdout gives back-pressure and flat memory.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../../logger.js';
import { sourceInfra, sourceInput } from './errors.js';

const MAX_STDERR = 64 * 1024;

export interface SavedImage {
  file: string;
  cleanup: () => Promise<void>;
}

export async function saveFromDaemon(
  ref: string,
  opts: { dockerCommand: string; tmpDir: string; env: NodeJS.ProcessEnv; logger: Logger },
): Promise<SavedImage> {
  const dir = await fsp.mkdtemp(path.join(opts.tmpDir, 'harbor-gate-docker-'));
  const cleanup = (): Promise<void> => fsp.rm(dir, { recursive: true, force: true });
  const file = path.join(dir, 'image.tar');
  opts.logger.info(`Exporting ${ref} from the Docker daemon (docker save)`);
  try {
    await runSave(ref, file, opts);
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { file, cleanup };
}

async function runSave(
  ref: string,
  file: string,
  opts: { dockerCommand: string; env: NodeJS.ProcessEnv },
): Promise<void> {
  const child = spawn(opts.dockerCommand, ['save', ref], {
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < MAX_STDERR) stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      resolve(code);
    });
  });
  const copied = pipeline(child.stdout, fs.createWriteStream(file));
  let code: number | null;
  try {
    [code] = await Promise.all([exited, copied]);
  } catch (e) {
    child.kill();
    if (
      (e as NodeJS.ErrnoException).code === 'ENOENT' &&
      (e as NodeJS.ErrnoException).syscall?.startsWith('spawn')
    ) {
      throw sourceInput(
        'SOURCE_DOCKER_NOT_INSTALLED',
        `cannot run ${JSON.stringify(opts.dockerCommand)}: it is not installed or not on PATH`,
        'Install the Docker CLI, or export the image yourself (docker save -o img.tar NAME:TAG) and use docker-archive:img.tar.',
        e,
      );
    }
    throw sourceInfra(
      'SOURCE_DOCKER_SAVE_FAILED',
      `docker save ${ref} failed: ${e instanceof Error ? e.message : String(e)}`,
      'Check free space in the temporary directory and that the Docker daemon is healthy.',
      e,
    );
  }
  if (code === 0) return;
  const detail = stderr.trim().split('\n').slice(-3).join(' ');
  if (
    /cannot connect to the docker daemon|is the docker daemon running|permission denied.*docker\.sock/i.test(
      stderr,
    )
  ) {
    throw sourceInfra(
      'SOURCE_DOCKER_DAEMON_UNREACHABLE',
      `the Docker daemon is not reachable: ${detail}`,
      'Start Docker (or set DOCKER_HOST), and check that this user may use the Docker socket (docker group).',
    );
  }
  if (/no such image|reference does not exist|not found|does not exist/i.test(stderr)) {
    throw sourceInput(
      'SOURCE_DOCKER_IMAGE_NOT_FOUND',
      `the Docker daemon has no image ${ref}: ${detail}`,
      'Build or pull the image first, and check the name and tag (docker image ls).',
    );
  }
  throw sourceInfra(
    'SOURCE_DOCKER_SAVE_FAILED',
    `docker save ${ref} exited with ${code === null ? 'a signal' : `code ${code}`}: ${detail}`,
    'Run docker save yourself to see the problem, or use docker-archive: with a saved file.',
  );
}
