/**
 * Image references: `host[:port]/path[:tag][@digest]` (distribution-spec name/tag grammar, the
 * distribution `reference` package's domain rule and Docker Hub normalisation). The host is
 * required: `app:1.0` is refused rather than sent to Docker Hub; `docker.io/app:1.0` goes there.
 */
import { TAG_PATTERN, isValidDigest } from '../core/index.js';
import { inputError } from '../errors.js';

export const DOCKER_HUB_DISPLAY = 'docker.io';
/** The API host of Docker Hub. */
export const DOCKER_HUB_REGISTRY = 'registry-1.docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

const COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
export const NAME_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const HOST_LABEL = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST_RE = new RegExp(`^(?:${HOST_LABEL}(?:\\.${HOST_LABEL})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?$`);
/** Many clients limit `host[:port]/name` to 255 characters (distribution-spec implementer's note). */
export const MAX_NAME_LENGTH = 255;

export interface ImageReference {
  /** The API host (with port), e.g. `registry-1.docker.io` for Docker Hub. */
  registry: string;
  /** The host as people write it, e.g. `docker.io` for Docker Hub. */
  displayRegistry: string;
  /** The repository path, e.g. `library/alpine` or `project/app`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** `displayRegistry/repository[:tag][@digest]`. */
  toString(): string;
}

const REMEDY =
  'Write the image as host[:port]/project/repository[:tag][@sha256:<64 hex>], e.g. registry.example.com/proj/app:1.2.3; the repository path is lower case.';

function bad(s: string, why: string): never {
  throw inputError('REF_INVALID', `invalid image reference ${JSON.stringify(s)}: ${why}`, REMEDY);
}

export function makeReference(init: {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}): ImageReference {
  const hub = DOCKER_HUB_ALIASES.has(init.registry);
  const registry = hub ? DOCKER_HUB_REGISTRY : init.registry;
  const displayRegistry = hub ? DOCKER_HUB_DISPLAY : init.registry;
  const ref: ImageReference = {
    registry,
    displayRegistry,
    repository: init.repository,
    ...(init.tag !== undefined ? { tag: init.tag } : {}),
    ...(init.digest !== undefined ? { digest: init.digest } : {}),
    toString() {
      return `${displayRegistry}/${init.repository}${init.tag !== undefined ? ':' + init.tag : ''}${
        init.digest !== undefined ? '@' + init.digest : ''
      }`;
    },
  };
  return ref;
}

/** Parse and validate an image reference. Throws GateError REF_INVALID. */
export function parseReference(s: string): ImageReference {
  const input = s.trim();
  if (input === '') bad(s, 'it is empty');
  if (/\s/.test(input)) bad(s, 'it contains white space');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    bad(s, 'it starts with a URL scheme; give the registry host without http:// or https://');
  }
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isValidDigest(digest)) {
      bad(
        s,
        `the digest ${JSON.stringify(digest)} is not algorithm:hex (sha256 needs 64 lower-case hex digits)`,
      );
    }
  }
  let registry: string;
  let remainder: string;
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  if (
    slash >= 0 &&
    (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['))
  ) {
    registry = first;
    remainder = rest.slice(slash + 1);
    if (!HOST_RE.test(registry))
      bad(s, `the registry host ${JSON.stringify(registry)} is not a valid host[:port]`);
    const port = /:(\d+)$/.exec(registry)?.[1];
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
      bad(s, `the port ${port} is out of range`);
  } else {
    // "app:1.0" or "team/app:1": Docker would send it to Docker Hub, which a gate for Harbor never
    // means; only an explicit docker.io/... goes there.
    const example = `harbor.example.com/${rest.includes('/') ? rest : `team/${rest}`}${digest !== undefined ? `@${digest}` : ''}`;
    throw inputError(
      'REF_INVALID',
      `invalid image reference ${JSON.stringify(s)}: it has no registry host, so it would silently go to Docker Hub`,
      `Write the registry host first: ${example} (host[:port]/project/repository[:tag][@digest]); for Docker Hub write docker.io/${rest.includes('/') ? rest : `library/${rest}`} explicitly.`,
    );
  }
  let tag: string | undefined;
  const colon = remainder.lastIndexOf(':');
  if (colon >= 0) {
    tag = remainder.slice(colon + 1);
    remainder = remainder.slice(0, colon);
    if (!TAG_PATTERN.test(tag)) {
      bad(s, `the tag ${JSON.stringify(tag)} must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`);
    }
  }
  if (remainder === '') bad(s, 'the repository name is missing');
  if (remainder !== remainder.toLowerCase())
    bad(s, `the repository ${JSON.stringify(remainder)} has upper-case letters`);
  if (!NAME_RE.test(remainder)) {
    bad(
      s,
      `the repository ${JSON.stringify(remainder)} must be lower-case components of [a-z0-9] separated by '/', joined inside by '.', '_', '__' or '-'`,
    );
  }
  let repository = remainder;
  if (DOCKER_HUB_ALIASES.has(registry) && !repository.includes('/')) repository = `library/${repository}`;
  if (registry.length + 1 + repository.length > MAX_NAME_LENGTH) {
    bad(s, `host and repository together are longer than ${MAX_NAME_LENGTH} characters`);
  }
  return makeReference({
    registry,
    repository,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
  });
}

/** Validate a repository path alone (e.g. --mount-from). Throws REF_INVALID. */
export function parseRepositoryName(s: string): string {
  if (!NAME_RE.test(s)) {
    bad(s, "a repository path is lower-case components of [a-z0-9] separated by '/'");
  }
  return s;
}
