/**
 * Registry credentials: explicit flags and HARBOR_GATE_*, the GitLab CI variables, then the Docker
 * config (credHelpers -> credsStore -> auths, through the docker-credential-* helper protocol).
 * Hosts are matched exactly, never by substring.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GateError, describe, inputError } from '../errors.js';
import { silentLogger, type Logger, type Redactor } from '../logger.js';

export type Credential =
  | { username: string; password: string }
  | { identityToken: string; username?: string }
  | { registryToken: string };

/** Credentials for a registry API host (`host[:port]`), or undefined for anonymous access. */
export type CredentialProvider = (registryHost: string) => Promise<Credential | undefined>;

const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const HUB_CONFIG_KEY = 'https://index.docker.io/v1/';

/** `https://host:port/path` or `host:port/path` -> `host:port` (lower-cased host). */
export function normaliseHost(s: string): string {
  let h = s.trim();
  h = h.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = h.indexOf('/');
  if (slash >= 0) h = h.slice(0, slash);
  h = h.replace(/^[^@]*@/, '');
  return h.toLowerCase();
}

function sameHost(a: string, b: string): boolean {
  const na = normaliseHost(a);
  const nb = normaliseHost(b);
  if (na === nb) return true;
  return HUB_HOSTS.has(na) && HUB_HOSTS.has(nb);
}

export function staticCredentials(username: string, password: string): CredentialProvider {
  return () => Promise.resolve({ username, password });
}

/** Only for one host: explicit credentials must not leak to other registries (e.g. a Docker Hub base). */
export function forHost(host: string, cred: Credential): CredentialProvider {
  return (h) => Promise.resolve(sameHost(h, host) ? cred : undefined);
}

/** The first provider that has credentials wins. */
export function chainCredentials(...providers: CredentialProvider[]): CredentialProvider {
  return async (host) => {
    for (const p of providers) {
      const c = await p(host);
      if (c) return c;
    }
    return undefined;
  };
}

/** GitLab CI: CI_REGISTRY_USER/CI_REGISTRY_PASSWORD for CI_REGISTRY, HARBOR_USERNAME/HARBOR_PASSWORD for HARBOR_HOST. */
export function gitlabCredentials(env: NodeJS.ProcessEnv): CredentialProvider {
  return (host) => {
    if (env.GITLAB_CI !== 'true') return Promise.resolve(undefined);
    if (
      env.CI_REGISTRY &&
      env.CI_REGISTRY_USER &&
      env.CI_REGISTRY_PASSWORD &&
      sameHost(host, env.CI_REGISTRY)
    ) {
      return Promise.resolve({ username: env.CI_REGISTRY_USER, password: env.CI_REGISTRY_PASSWORD });
    }
    if (env.HARBOR_HOST && env.HARBOR_USERNAME && env.HARBOR_PASSWORD && sameHost(host, env.HARBOR_HOST)) {
      return Promise.resolve({ username: env.HARBOR_USERNAME, password: env.HARBOR_PASSWORD });
    }
    return Promise.resolve(undefined);
  };
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
}

interface DockerConfig {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  const dir = env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
  return path.join(dir, 'config.json');
}

function readDockerConfig(file: string): DockerConfig | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw inputError(
      'DOCKER_CONFIG_UNREADABLE',
      `cannot read the registry login file ${file}: ${describe(e)}`,
      'Fix the file permissions, or point DOCKER_CONFIG (REGISTRY_AUTH_FILE for podman and buildah logins) at a readable file.',
      e,
    );
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed;
  } catch (e) {
    throw inputError(
      'DOCKER_CONFIG_INVALID',
      `the registry login file ${file} is not a JSON object`,
      'Fix or remove the file (docker login and podman login rewrite it), or point DOCKER_CONFIG or REGISTRY_AUTH_FILE elsewhere.',
      e,
    );
  }
}

function fromEntry(entry: AuthEntry, key: string, file: string): Credential | undefined {
  if (entry.registrytoken) return { registryToken: entry.registrytoken };
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw inputError(
        'DOCKER_CONFIG_INVALID',
        `the "auth" entry for ${key} in ${file} is not base64 of user:password`,
        `Log in again (docker login ${key}) or fix the entry.`,
      );
    }
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return undefined;
}

export interface HelperOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Run `docker-credential-<helper> get` with the server URL on stdin. With child_process rather
 * than @actions/exec (which the project does not depend on): the helper needs a hard timeout with
 * SIGKILL, stdout and stderr bounded as they arrive, and exactly the environment given, none of
 * which @actions/exec offers; and the CLI must not carry an Actions-only package.
 */
export async function runCredentialHelper(
  helper: string,
  serverUrl: string,
  opts: HelperOptions = {},
): Promise<Credential | undefined> {
  if (!/^[A-Za-z0-9._-]+$/.test(helper)) {
    throw inputError(
      'DOCKER_CREDENTIAL_HELPER_FAILED',
      `the credential helper name ${JSON.stringify(helper)} is not a plain program name`,
      'Fix credsStore/credHelpers in the Docker config.',
    );
  }
  const program = `docker-credential-${helper}`;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const result = await new Promise<{ code: number | null; stdout: string; stderr: string; error?: Error }>(
    (resolve) => {
      const child = spawn(program, ['get'], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: opts.env ?? process.env,
      });
      let stdout = '';
      let stderr = '';
      let settled = false;
      const done = (r: { code: number | null; error?: Error }): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...r, stdout, stderr });
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done({ code: null, error: new Error(`timed out after ${timeoutMs} ms`) });
      }, timeoutMs);
      child.stdout.on('data', (b: Buffer) => {
        if (stdout.length < 1024 * 1024) stdout += b.toString('utf8');
      });
      child.stderr.on('data', (b: Buffer) => {
        if (stderr.length < 64 * 1024) stderr += b.toString('utf8');
      });
      child.on('error', (e) => {
        done({ code: null, error: e });
      });
      child.on('close', (code) => {
        done({ code });
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(serverUrl);
    },
  );
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new GateError({
      code: 'DOCKER_CREDENTIAL_HELPER_FAILED',
      message: missing
        ? `the Docker config names the credential helper ${program}, which is not on PATH`
        : `${program} get failed: ${describe(result.error)}`,
      remedy: missing
        ? `Install ${program}, or remove it from credsStore/credHelpers in the Docker config, or give --username and HARBOR_GATE_PASSWORD.`
        : `Run 'echo ${serverUrl} | ${program} get' to see what fails.`,
      kind: 'input',
      cause: result.error,
    });
  }
  if (result.code !== 0) {
    if (/credentials not found/i.test(result.stdout + result.stderr)) return undefined;
    throw inputError(
      'DOCKER_CREDENTIAL_HELPER_FAILED',
      `${program} get exited with ${String(result.code)}: ${(result.stderr || result.stdout).trim().slice(0, 300)}`,
      `Run 'echo ${serverUrl} | ${program} get' to see what fails, or log in again.`,
    );
  }
  let parsed: { Username?: unknown; Secret?: unknown };
  try {
    parsed = JSON.parse(result.stdout) as { Username?: unknown; Secret?: unknown };
  } catch (e) {
    throw inputError(
      'DOCKER_CREDENTIAL_HELPER_FAILED',
      `${program} get did not print JSON`,
      `Check the helper: 'echo ${serverUrl} | ${program} get' must print {"Username":…,"Secret":…}.`,
      e,
    );
  }
  if (typeof parsed.Secret !== 'string' || parsed.Secret === '') return undefined;
  const username = typeof parsed.Username === 'string' ? parsed.Username : '';
  if (username === '<token>') return { identityToken: parsed.Secret };
  return { username, password: parsed.Secret };
}

/** The Docker config (`$DOCKER_CONFIG/config.json` or `~/.docker/config.json`). */
export function dockerConfigCredentials(
  env: NodeJS.ProcessEnv,
  opts: { logger?: Logger; helperTimeoutMs?: number } = {},
): CredentialProvider {
  return configFileCredentials(() => dockerConfigPath(env), env, opts);
}

/**
 * The login files of podman, buildah and skopeo (containers-auth.json(5)), same format as the Docker
 * config: `$REGISTRY_AUTH_FILE`, then `$XDG_RUNTIME_DIR/containers/auth.json`, then
 * `~/.config/containers/auth.json`. A job that logged in with buildah needs no other credentials.
 */
export function containersAuthCredentials(
  env: NodeJS.ProcessEnv,
  opts: { logger?: Logger; helperTimeoutMs?: number } = {},
): CredentialProvider {
  const files = [
    env.REGISTRY_AUTH_FILE,
    env.XDG_RUNTIME_DIR ? path.join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json') : undefined,
    path.join(env.HOME || os.homedir(), '.config', 'containers', 'auth.json'),
  ].filter((f): f is string => Boolean(f));
  return chainCredentials(...files.map((f) => configFileCredentials(() => f, env, opts)));
}

function configFileCredentials(
  fileOf: () => string,
  env: NodeJS.ProcessEnv,
  opts: { logger?: Logger; helperTimeoutMs?: number },
): CredentialProvider {
  const logger = opts.logger ?? silentLogger;
  return async (registryHost) => {
    const file = fileOf();
    const config = readDockerConfig(file);
    if (!config) return undefined;
    const host = normaliseHost(registryHost);
    const hub = HUB_HOSTS.has(host);
    const serverUrl = hub ? HUB_CONFIG_KEY : host;
    const helperOpts = {
      env,
      ...(opts.helperTimeoutMs !== undefined ? { timeoutMs: opts.helperTimeoutMs } : {}),
    };
    for (const [key, helper] of Object.entries(config.credHelpers ?? {})) {
      if (sameHost(key, host) && helper) {
        logger.debug(`credentials for ${host}: credential helper ${helper}`);
        return runCredentialHelper(helper, serverUrl, helperOpts);
      }
    }
    if (config.credsStore) {
      logger.debug(`credentials for ${host}: credential store ${config.credsStore}`);
      const c = await runCredentialHelper(config.credsStore, serverUrl, helperOpts);
      if (c) return c;
    }
    const auths = config.auths ?? {};
    const keys = Object.keys(auths);
    const exact = hub ? keys.find((k) => k === HUB_CONFIG_KEY) : undefined;
    const key = exact ?? keys.find((k) => sameHost(k, host));
    if (key === undefined) return undefined;
    const entry = auths[key];
    if (!entry) return undefined;
    logger.debug(`credentials for ${host}: ${file} auths[${key}]`);
    return fromEntry(entry, key, file);
  };
}

export interface DefaultCredentialOptions {
  /** Explicit user (flag or HARBOR_GATE_USERNAME). */
  username?: string;
  /** Explicit password (HARBOR_GATE_PASSWORD or --password-stdin). */
  password?: string;
  /** The hosts the explicit credentials are for; absent: every host. */
  hosts?: string[];
  env: NodeJS.ProcessEnv;
  logger?: Logger;
  redactor?: Redactor;
}

/** Flags/HARBOR_GATE_* first, then the GitLab variables, the Docker config, podman's login files. */
export function defaultCredentials(opts: DefaultCredentialOptions): CredentialProvider {
  const username = opts.username ?? opts.env.HARBOR_GATE_USERNAME;
  const password = opts.password ?? opts.env.HARBOR_GATE_PASSWORD;
  const providers: CredentialProvider[] = [];
  if (username && password) {
    const cred = { username, password };
    const hosts = opts.hosts;
    providers.push(
      hosts ? chainCredentials(...hosts.map((h) => forHost(h, cred))) : staticCredentials(username, password),
    );
  } else if (username && !password) {
    throw inputError(
      'AUTH_PASSWORD_MISSING',
      `--username ${username} was given without a password`,
      'Set HARBOR_GATE_PASSWORD or pipe the password into --password-stdin.',
    );
  }
  providers.push(gitlabCredentials(opts.env));
  providers.push(dockerConfigCredentials(opts.env, opts.logger ? { logger: opts.logger } : {}));
  providers.push(containersAuthCredentials(opts.env, opts.logger ? { logger: opts.logger } : {}));
  const chained = chainCredentials(...providers);
  const redactor = opts.redactor;
  if (!redactor) return chained;
  return async (host) => {
    const c = await chained(host);
    if (c) {
      if ('password' in c) redactor.addCredential(c.username, c.password);
      if ('identityToken' in c) {
        redactor.add(c.identityToken);
        // The token endpoint's GET form sends it as Basic <username or "<token>">:<token>.
        redactor.addCredential(c.username ?? '<token>', c.identityToken);
      }
      if ('registryToken' in c) redactor.add(c.registryToken);
    }
    return c;
  };
}
