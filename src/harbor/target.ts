/** Where Harbor is and how its API names a project, a repository and an artifact. */
import { inputError } from '../errors.js';
import { isLoopbackHost } from '../http/index.js';

/** The parts of an image reference the client needs (structurally the OCI ImageReference). */
export interface ImageRef {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export interface HarborTarget {
  /** Harbor's base URL without /api/v2.0, e.g. https://harbor.example.com */
  baseUrl: string;
  project: string;
  /** The repository inside the project (may contain '/'). */
  repository: string;
  /** project/repository, as in the image reference. */
  fullName: string;
  tag?: string;
  digest?: string;
}

export const API_PREFIX = '/api/v2.0';

/**
 * The one check of a Harbor URL (--harbor-url): an http(s) URL, returned as Harbor's base (no
 * trailing slash, no `/api/v2.0`). Plain HTTP to a host that is not loopback is refused unless
 * `plainHttp`: the credentials would cross the network in clear.
 */
export function harborBaseUrl(value: string, opts: { plainHttp?: boolean } = { plainHttp: true }): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch (e) {
    throw inputError(
      'HARBOR_BAD_URL',
      `--harbor-url ${JSON.stringify(value)} is not a URL`,
      'Give a URL like https://harbor.example.com.',
      e,
    );
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw inputError(
      'HARBOR_BAD_URL',
      `--harbor-url must be http(s), got ${u.protocol}`,
      'Give a URL like https://harbor.example.com.',
    );
  }
  const base = `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '').replace(/\/api\/v2\.0$/, '')}`;
  if (u.protocol === 'http:' && opts.plainHttp !== true && !isLoopbackHost(u.hostname)) {
    throw inputError(
      'HARBOR_CLEARTEXT_CREDENTIALS',
      `--harbor-url ${base} is plain HTTP to ${u.hostname}: the credentials would cross the network in clear`,
      'Use https://, or give --plain-http if you accept that risk on a trusted network.',
    );
  }
  return base;
}

/** Harbor's base URL and project/repository from an image reference (or an explicit URL). */
export function harborTarget(ref: ImageRef, harborUrl?: string): HarborTarget {
  const slash = ref.repository.indexOf('/');
  if (slash <= 0 || slash === ref.repository.length - 1) {
    throw inputError(
      'HARBOR_BAD_REFERENCE',
      `${ref.registry}/${ref.repository} has no Harbor project: Harbor repositories are <project>/<repository>`,
      'Give the image as host/project/repository[:tag], e.g. harbor.example.com/library/app:1.0.',
    );
  }
  let baseUrl: string;
  if (harborUrl !== undefined && harborUrl !== '') {
    baseUrl = harborBaseUrl(harborUrl);
  } else {
    const host = ref.registry.replace(/:\d+$/, '');
    // Loopback registries (the demo, tests, port-forwards) speak plain HTTP; everything else HTTPS.
    baseUrl = `${isLoopbackHost(host) ? 'http' : 'https'}://${ref.registry}`;
  }
  const target: HarborTarget = {
    baseUrl,
    project: ref.repository.slice(0, slash),
    repository: ref.repository.slice(slash + 1),
    fullName: ref.repository,
  };
  if (ref.tag !== undefined) target.tag = ref.tag;
  if (ref.digest !== undefined) target.digest = ref.digest;
  return target;
}

/** /projects/{name}, with the header that keeps an all-digit name from being read as an id. */
export function projectPath(project: string): { path: string; headers: Record<string, string> } {
  return {
    path: `/projects/${encodeURIComponent(project)}`,
    headers: /^\d+$/.test(project) ? { 'X-Is-Resource-Name': 'true' } : {},
  };
}

/** .../artifacts/{reference}; the repository name is URL-encoded twice (Harbor decodes twice). */
export function artifactPath(target: HarborTarget, reference: string): string {
  return (
    `/projects/${encodeURIComponent(target.project)}` +
    `/repositories/${encodeURIComponent(encodeURIComponent(target.repository))}` +
    `/artifacts/${encodeURIComponent(reference)}`
  );
}
