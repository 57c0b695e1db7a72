/** `harbor-gate push`: push an image from a local source to a registry. */
import type { Logger } from '../../logger.js';
import { registryClientFromFlags } from '../registry.js';
import { createProgress } from '../../oci/progress.js';
import { pushImage, type PushResult } from '../../oci/push.js';
import { parseReference, parseRepositoryName } from '../../oci/reference.js';
import type { ImageSource } from '../../oci/source.js';
import { openSource, parseSource } from '../../oci/sources/index.js';
import { bool, multi, requireStr, str, type Command, type CommandContext } from '../command.js';

export type SourceOpener = (
  spec: string,
  opts: { logger: Logger; cwd: string; env: NodeJS.ProcessEnv },
) => Promise<ImageSource>;

const defaultOpener: SourceOpener = (spec, opts) => openSource(parseSource(spec), opts);

/** The JSON result (CLI.md: image, digest, tags, bytesUploaded, blobsSkipped; more fields added). */
export function pushJson(r: PushResult): Record<string, unknown> {
  return {
    image: r.image,
    digest: r.digest,
    tags: r.tags,
    bytesUploaded: r.bytesUploaded,
    blobsSkipped: r.blobsSkipped,
    blobsMounted: r.blobsMounted,
    blobsUploaded: r.blobsUploaded,
    mediaType: r.mediaType,
    seconds: Math.round(r.seconds * 1000) / 1000,
  };
}

export function createPushCommand(opener: SourceOpener = defaultOpener): Command {
  return {
    name: 'push',
    summary: 'push an image from a local source to a registry',
    flags: ['source', 'tag', 'mount-from'],
    examples: [
      'harbor-gate push --source oci:./img --image registry.example.com/proj/app:1.2.3',
      'harbor-gate push --source docker-daemon:app:dev --image harbor.example.com/proj/app:1.2.3 --tag latest --json',
      'echo "$TOKEN" | harbor-gate push --source oci-archive:img.tar --image harbor.example.com/proj/app:1 --username "robot$proj+ci" --password-stdin',
    ],
    async run(ctx: CommandContext) {
      const sourceSpec = requireStr(ctx, 'source');
      const target = parseReference(requireStr(ctx, 'image'));
      const mountFrom = str(ctx, 'mount-from');
      if (mountFrom !== undefined) parseRepositoryName(mountFrom);
      const client = await registryClientFromFlags(ctx, target.registry);
      try {
        const source = await opener(sourceSpec, { logger: ctx.logger, cwd: ctx.cwd, env: ctx.env });
        try {
          const progress = createProgress({
            tty: ctx.isTTY && !bool(ctx, 'debug'),
            logger: ctx.logger,
            write: ctx.stderr,
          });
          const result = await pushImage(source, target, {
            client,
            tags: multi(ctx, 'tag'),
            ...(mountFrom !== undefined ? { mountFrom } : {}),
            logger: ctx.logger,
            progress,
          });
          return { exitCode: 0, json: pushJson(result), text: result.digest };
        } finally {
          await source.close();
        }
      } finally {
        client.close();
      }
    },
  };
}

export const pushCommand = createPushCommand();
