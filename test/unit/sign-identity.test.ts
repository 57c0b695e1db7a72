import { describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { TokenProvider } from '../../src/sign/signer.js';

describe('identity token sources', () => {
  it('prefers --identity-token, then SIGSTORE_ID_TOKEN', async () => {
    const env = {
      SIGSTORE_ID_TOKEN: 'from-env',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/x',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
    };
    expect(
      await new TokenProvider({ identityToken: 'from-flag', env, logger: silentLogger }).getToken(),
    ).toBe('from-flag');
    expect(await new TokenProvider({ env, logger: silentLogger }).getToken()).toBe('from-env');
  });

  it('asks for `id-token: write` on GitHub Actions without the OIDC request variables', async () => {
    const p = new TokenProvider({ env: { GITHUB_ACTIONS: 'true' }, logger: silentLogger });
    const err = await p.getToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GateError);
    expect((err as GateError).code).toBe('SIGN_NO_IDENTITY_TOKEN');
    expect((err as GateError).remedy).toContain('permissions: id-token: write');
  });

  it('lists every way to get a token elsewhere', async () => {
    const err = await new TokenProvider({ env: {}, logger: silentLogger })
      .getToken()
      .catch((e: unknown) => e);
    expect((err as GateError).remedy).toMatch(
      /id_tokens: SIGSTORE_ID_TOKEN.*--identity-token.*--signing-key/,
    );
    expect((err as GateError).exitCode).toBe(2);
  });
});
