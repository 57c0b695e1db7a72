/** `harbor-gate push`: push an image from a local source to a registry (the gate's push step). */
import type { PushResult } from '../../oci/index.js';
import {
  requireStr,
  resolveOptions,
  sessionDeps,
  withSession,
  type Command,
  type SourceOpener,
} from '../command.js';

/** The JSON result (README.md: image, digest, tags, bytesUploaded, blobsSkipped; more fields added). */
export function pushJson(r: PushResult): Record<string, unknown> {
  return {
    image: r.image,
    digest: r.digest,
    tags: r.tags,
    bytesUploaded: r.bytesUploaded,
    blobsSkipped: r.blobsSkipped,
    tagAssumed: r.tagAssumed,
    blobsMounted: r.blobsMounted,
    blobsUploaded: r.blobsUploaded,
    mediaType: r.mediaType,
    seconds: Math.round(r.seconds * 1000) / 1000,
  };
}

export function createPushCommand(opener?: SourceOpener): Command {
  return {
    name: 'push',
    summary: 'push an image from a local source to a registry',
    flags: ['source', 'tag', 'mount-from'],
    required: ['image', 'source'],
    examples: [
      'harbor-gate push --source oci:./img --image registry.example.com/proj/app:1.2.3',
      'harbor-gate push --source docker-daemon:app:dev --image harbor.example.com/proj/app:1.2.3 --tag latest --json',
      'echo "$TOKEN" | harbor-gate push --source oci-archive:img.tar --image harbor.example.com/proj/app:1 --username \'robot$proj+ci\' --password-stdin',
    ],
    async run(ctx) {
      requireStr(ctx, 'source');
      const options = await resolveOptions(ctx, { sign: false, scan: false });
      const { subjectStep } = await import('../../gate/index.js');
      return withSession(options, sessionDeps(ctx, opener), async (session) => {
        const subject = await subjectStep(session.roles.target, options, session.ref);
        const result = subject.push!;
        const { tagsWritten } = await import('../../oci/index.js');
        // People read the tags and the digest on stderr; stdout stays the digest alone, for scripts.
        ctx.stderr(
          `pushed ${session.ref.registry}/${session.ref.repository}\n  tags    ${tagsWritten(result)}\n  digest  ${result.digest}\n`,
        );
        return { exitCode: 0, json: pushJson(result), text: result.digest };
      });
    },
  };
}

export const pushCommand = createPushCommand();
