/**
 * What a registry's refusal means: its error body parsed (bounded, cleaned), and a non-2xx answer
 * turned into a GateError that names the cause (credentials, a missing project, not a registry).
 */
import { cleanText } from '../core/index.js';
import { GateError } from '../errors.js';
import { redactUrl, type HttpResponse } from '../http/index.js';
import type { Repository } from './registry.js';

/** Error bodies larger than this are not parsed. */
export const MAX_ERROR_BODY = 64 * 1024;

/** The error body registries send: {"errors":[{"code","message","detail"}]}. */
export interface RegistryErrorBody {
  code: string;
  message: string;
}

export function parseRegistryErrors(body: Buffer): RegistryErrorBody[] {
  if (body.length === 0 || body.length > MAX_ERROR_BODY) return [];
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: unknown };
    if (!Array.isArray(parsed.errors)) return [];
    return parsed.errors
      .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      .map((e) => ({
        // Quoted in our messages: the registry (or whoever answers for it) wrote them.
        code: typeof e.code === 'string' ? cleanText(e.code, 64) : '',
        message: typeof e.message === 'string' ? cleanText(e.message, 300) : '',
      }));
  } catch {
    return [];
  }
}

/**
 * Why an answer cannot come from an OCI registry API: a web page (text/html) or HTTP 501 with no
 * registry error body, as a web server or another service on the port answers. Undefined for a
 * registry answer, for a gateway's 502/503/504 or a 429 (the registry behind it is failing), and
 * for 401/403 (an authenticating proxy's login page: the credentials are the question).
 */
export function notOciAnswer(res: HttpResponse, hasRegistryErrors: boolean): string | undefined {
  if (hasRegistryErrors) return undefined;
  if ([401, 403, 429, 502, 503, 504].includes(res.status)) return undefined;
  const type = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return type;
  if (res.status === 501) return type === '' ? 'with no content type' : cleanText(type, 80);
  return undefined;
}

/**
 * What a denial means for a repository: the project may be missing (a single-segment name has no
 * project at all, which Harbor requires) or the account lacks push/pull. Uses the registry's own
 * words when it says the project or repository is not found.
 */
function accessNote(name: string, errs: RegistryErrorBody[]): string {
  const slash = name.indexOf('/');
  if (slash < 0)
    return `the repository path "${name}" has no project part (Harbor needs host/<project>/${name}), or the account lacks push/pull on it`;
  const project = name.slice(0, slash);
  const said = errs.map((e) => `${e.code} ${e.message}`).join(' ');
  if (/project .*not found|NOT_FOUND|NAME_UNKNOWN|repository name not known/i.test(said))
    return `the project "${project}" or repository ${name} does not exist, or the account may not see it`;
  return `the project "${project}" may not exist, or the account lacks push/pull on ${name}`;
}

export function isGate(e: unknown): e is GateError {
  return e instanceof GateError;
}

/** Turn a non-2xx answer into a GateError naming what `repo` was doing. */
export function registryError(repo: Repository, res: HttpResponse, what: string): GateError {
  res.stream?.destroy();
  const errs = parseRegistryErrors(res.body);
  const codes = errs.map((e) => e.code).filter(Boolean);
  const detail =
    errs.length > 0 ? `: ${cleanText(errs.map((e) => `${e.code} ${e.message}`.trim()).join('; '), 300)}` : '';
  const where = `${repo.registry}/${repo.name}`;
  const details = { registry: repo.registry, repository: repo.name, status: res.status, codes };
  const notOci = notOciAnswer(res, errs.length > 0);
  if (notOci !== undefined) {
    return new GateError({
      code: 'REGISTRY_NOT_OCI',
      message: `not an OCI registry API at ${redactUrl(res.url)} (got HTTP ${res.status} ${notOci}; ${what})`,
      remedy: `Check the host and port of --image (${repo.registry}): they must point at the registry (Harbor: its https address, not a web page or another service on that port).`,
      kind: 'input',
      details,
    });
  }
  const access = accessNote(repo.name, errs);
  if (res.status === 401) {
    const auth = repo.client.auth.state(repo.registry);
    if (auth.credentialGiven && auth.scheme === 'bearer' && auth.tokenIssued) {
      return new GateError({
        code: 'REGISTRY_DENIED',
        message: `${what} on ${where} was refused although the credentials were accepted (the token service issued a token): ${access} (HTTP 401${detail})`,
        remedy:
          'Create the project first (Harbor: Projects > New project) or fix the project in --image, and give the account push and pull on it (a Harbor robot account needs push rights on the project).',
        kind: 'input',
        details,
      });
    }
    if (auth.credentialGiven) {
      return new GateError({
        code: 'REGISTRY_UNAUTHORIZED',
        message: `${what} on ${where} was refused: the registry did not accept the credentials given for ${repo.registry} (HTTP 401${detail})`,
        remedy:
          'Check the user name and password or token (robot accounts look like robot$project+name; quote the $ in shells), and that they are for this registry.',
        kind: 'input',
        details,
      });
    }
    return new GateError({
      code: 'REGISTRY_UNAUTHORIZED',
      message: `${what} on ${where} was refused: not authenticated, no credentials were found for ${repo.registry} (HTTP 401${detail})`,
      remedy:
        'Give credentials: --username with HARBOR_GATE_PASSWORD or --password-stdin, the GitLab CI variables, or docker login. A Harbor robot account needs push rights on the project.',
      kind: 'input',
      details,
    });
  }
  if (res.status === 403 || codes.includes('DENIED')) {
    return new GateError({
      code: 'REGISTRY_DENIED',
      message: `${what} on ${where} was denied: ${access} (HTTP ${res.status}${detail})`,
      remedy:
        'Create the project first or fix --image, and grant the account push (and pull) on the repository or project; or check tag immutability and retention rules.',
      kind: 'input',
      details,
    });
  }
  if (res.status === 404 && codes.includes('NAME_UNKNOWN')) {
    return new GateError({
      code: 'REGISTRY_NAME_UNKNOWN',
      message: `${where} does not exist (${what}: HTTP 404${detail})`,
      remedy: 'Create the repository or project first (Harbor: create the project), or fix --image.',
      kind: 'input',
      details,
    });
  }
  if (res.status === 429 || res.status >= 500) {
    return new GateError({
      code: 'REGISTRY_UNAVAILABLE',
      message: `${what} on ${where} failed with HTTP ${res.status}${detail}, after retries`,
      remedy: 'The registry is overloaded or failing; wait and run again, or check its logs.',
      kind: 'infra',
      details,
    });
  }
  return new GateError({
    code: 'REGISTRY_REJECTED',
    message: `${what} on ${where} was rejected (HTTP ${res.status}${detail})`,
    remedy: 'Check the image reference and the content pushed; run with --debug for the request sequence.',
    kind: 'input',
    details,
  });
}
