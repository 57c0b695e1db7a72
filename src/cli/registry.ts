import { createRegistryClient } from '../oci/index.js';
import type { RegistryClient } from '../oci/registry.js';
import { bool, password, str, type CommandContext } from './command.js';

/**
 * The registry client every command builds from the common flags: --username with the password
 * (HARBOR_GATE_PASSWORD or --password-stdin), --plain-http, --ca-file; explicit credentials go to
 * `host` only, the GitLab variables and the Docker config to theirs.
 */
export async function registryClientFromFlags(ctx: CommandContext, host: string): Promise<RegistryClient> {
  const username = str(ctx, 'username');
  const pw = await password(ctx);
  const caFile = str(ctx, 'ca-file');
  return createRegistryClient({
    env: ctx.env,
    logger: ctx.logger,
    redactor: ctx.redactor,
    host,
    plainHttp: bool(ctx, 'plain-http'),
    ...(username !== undefined ? { username } : {}),
    ...(pw !== undefined ? { password: pw } : {}),
    ...(caFile !== undefined ? { caFile } : {}),
  });
}
