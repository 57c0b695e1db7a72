/**
 * Signing and trust options: how the gate signs (key or keyless, the Sigstore services, the
 * format) and whose signatures count (key or identity and issuer). Resolved for every command by
 * resolveGateOptions (options.ts).
 */
import path from 'node:path';
import { isLoopbackHost } from '../core/index.js';
import { inputError } from '../errors.js';
import { flag, oneOf, readConfigFile, str, type RawGateInput, type ResolveContext } from './raw.js';

export type SignatureFormat = 'bundle' | 'legacy' | 'both';
export const SIGNATURE_FORMATS: readonly SignatureFormat[] = ['bundle', 'legacy', 'both'];

export interface SignOptions {
  keyFile?: string;
  keyPassword?: string;
  /** Where keyPassword came from (HARBOR_GATE_KEY_PASSWORD or COSIGN_PASSWORD); absent: neither is set. */
  keyPasswordVariable?: string | undefined;
  format: SignatureFormat;
  identityToken?: string;
  fulcioUrl?: string;
  rekorUrl?: string;
  tsaUrl?: string;
  tlogUpload: boolean;
  recursive: boolean;
  /** --force-sign: sign even when a signature by the same key or identity already verifies. */
  force: boolean;
}

/** Whose signatures count: for verify, and in the gate for --require-signature. */
export interface TrustOptions {
  keyFile?: string;
  identity?: string;
  identityRegexp?: string;
  issuer?: string;
  trustedRoot?: string;
}

/**
 * Signing (gate and sign), or undefined when the command does not sign: `step` is the command's
 * say (CommandSteps.sign), else --no-sign decides. The format is checked first, whether or not the
 * command signs.
 */
export async function resolveSign(
  raw: RawGateInput,
  ctx: ResolveContext,
  step: boolean | undefined,
): Promise<SignOptions | undefined> {
  const format =
    oneOf<SignatureFormat>(
      str(raw, 'signature-format'),
      SIGNATURE_FORMATS,
      'signature-format',
      'SIGN_BAD_FORMAT',
    ) ?? 'bundle';
  const signOn = step ?? !flag(raw, 'no-sign');
  const token = signOn ? await identityToken(raw, ctx) : undefined;
  const keyFile = str(raw, 'signing-key');
  return !signOn
    ? undefined
    : {
        keyFile: keyFile !== undefined ? path.resolve(ctx.cwd, keyFile) : undefined,
        keyPassword: ctx.env.HARBOR_GATE_KEY_PASSWORD ?? ctx.env.COSIGN_PASSWORD,
        keyPasswordVariable:
          ctx.env.HARBOR_GATE_KEY_PASSWORD !== undefined
            ? 'HARBOR_GATE_KEY_PASSWORD'
            : ctx.env.COSIGN_PASSWORD !== undefined
              ? 'COSIGN_PASSWORD'
              : undefined,
        format,
        identityToken: token,
        fulcioUrl: notCleartext(checkUrl(str(raw, 'fulcio-url'), 'fulcio-url'), 'fulcio-url', raw),
        rekorUrl: notCleartext(checkUrl(str(raw, 'rekor-url'), 'rekor-url'), 'rekor-url', raw),
        tsaUrl: notCleartext(checkUrl(str(raw, 'tsa-url'), 'tsa-url'), 'tsa-url', raw),
        tlogUpload: flag(raw, 'tlog-upload') ?? false,
        recursive: flag(raw, 'recursive') ?? false,
        force: flag(raw, 'force-sign') ?? false,
      };
}

function checkUrl(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(value);
  } catch (e) {
    throw inputError(
      'CONFIG_BAD_URL',
      `--${name} '${value}' is not a URL`,
      `Give a full URL such as https://harbor.example.com.`,
      e,
    );
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw inputError(
      'CONFIG_BAD_URL',
      `--${name} must be an http(s) URL, not ${u.protocol}`,
      'Use https://...',
    );
  }
  return value.replace(/\/+$/, '');
}

/** --identity-token, else --identity-token-file (the safer way: no token in the process list). */
async function identityToken(raw: RawGateInput, ctx: ResolveContext): Promise<string | undefined> {
  const given = str(raw, 'identity-token');
  const file = str(raw, 'identity-token-file');
  if (given !== undefined && file !== undefined) {
    throw inputError(
      'CONFIG_CONFLICT',
      '--identity-token and --identity-token-file were both given',
      'Give one of them; --identity-token-file (or SIGSTORE_ID_TOKEN) keeps the token out of process lists.',
    );
  }
  if (file === undefined) return given;
  let text: string;
  try {
    text = await readConfigFile(file, 'identity-token-file', ctx);
  } catch (e) {
    throw inputError(
      'SIGN_TOKEN_FILE_UNREADABLE',
      `cannot read --identity-token-file ${file}`,
      'Give the path of a file that holds the OIDC token (for example the file your CI writes it to).',
      e,
    );
  }
  const token = text.trim();
  if (token === '' || /\s/.test(token)) {
    throw inputError(
      'SIGN_TOKEN_FILE_UNREADABLE',
      `--identity-token-file ${file} does not hold one token`,
      'The file must hold the OIDC token (a JWT) and nothing else.',
    );
  }
  return token;
}

export function resolveTrust(raw: RawGateInput, ctx: ResolveContext): TrustOptions | undefined {
  const keyFile = str(raw, 'key');
  const identity = str(raw, 'certificate-identity');
  const identityRegexp = str(raw, 'certificate-identity-regexp');
  const issuer = str(raw, 'certificate-oidc-issuer');
  const trustedRoot = str(raw, 'trusted-root');
  if (keyFile !== undefined && (identity ?? identityRegexp ?? issuer) !== undefined) {
    throw inputError(
      'VERIFY_CONFLICTING_FLAGS',
      '--key cannot be combined with --certificate-identity(-regexp) / --certificate-oidc-issuer',
      'Trust either key-based signatures (--key) or keyless ones (identity and issuer).',
    );
  }
  if (identity !== undefined && identityRegexp !== undefined) {
    throw inputError(
      'VERIFY_CONFLICTING_FLAGS',
      '--certificate-identity and --certificate-identity-regexp are mutually exclusive',
      'Give one of them.',
    );
  }
  // A keyless identity is a subject and an issuer: half of one would verify nothing (or anything).
  if ((identity ?? identityRegexp) !== undefined && issuer === undefined) {
    throw inputError(
      'VERIFY_NO_IDENTITY',
      'keyless trust needs the expected OIDC issuer',
      'Give --certificate-oidc-issuer, e.g. https://token.actions.githubusercontent.com.',
    );
  }
  if (issuer !== undefined && (identity ?? identityRegexp) === undefined) {
    throw inputError(
      'VERIFY_NO_IDENTITY',
      'keyless trust needs the expected signer identity',
      'Give --certificate-identity (or --certificate-identity-regexp) with --certificate-oidc-issuer.',
    );
  }
  if (identityRegexp !== undefined) {
    try {
      new RegExp(identityRegexp);
    } catch (e) {
      throw inputError(
        'VERIFY_BAD_REGEXP',
        `--certificate-identity-regexp is not a valid regular expression: ${(e as Error).message}`,
        'Give a JavaScript regular expression; it is anchored at both ends.',
        e,
      );
    }
  }
  if ((keyFile ?? identity ?? identityRegexp ?? issuer ?? trustedRoot) === undefined) return undefined;
  return {
    ...(keyFile !== undefined ? { keyFile: path.resolve(ctx.cwd, keyFile) } : {}),
    ...(identity !== undefined ? { identity } : {}),
    ...(identityRegexp !== undefined ? { identityRegexp } : {}),
    ...(issuer !== undefined ? { issuer } : {}),
    ...(trustedRoot !== undefined ? { trustedRoot: path.resolve(ctx.cwd, trustedRoot) } : {}),
  };
}

/**
 * A Sigstore service over plain HTTP on another machine would see the OIDC identity token in clear
 * (Fulcio) or let the signature's witnesses be altered on the way: refused unless --plain-http.
 */
function notCleartext(url: string | undefined, name: string, raw: RawGateInput): string | undefined {
  if (url === undefined || new URL(url).protocol !== 'http:' || flag(raw, 'plain-http') === true) return url;
  const host = new URL(url).hostname;
  if (isLoopbackHost(host)) return url;
  throw inputError(
    'CONFIG_CLEARTEXT_URL',
    `--${name} ${url} is plain HTTP to ${host}: the identity token and the signature would cross the network in clear`,
    'Use https://, or give --plain-http if you accept that risk on a trusted network.',
  );
}
