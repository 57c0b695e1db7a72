/** The referrers API: a subject's referrers as an OCI index, filtered by artifactType and paginated. */
import { authorize } from './auth.js';
import { send, type RouteArgs } from './http.js';
import { OCI_INDEX, checkDigest, unsupported } from './store.js';

export async function referrers(a: RouteArgs): Promise<void> {
  const { req, res, store, opts, name, ref: digest, url } = a;
  if (opts.referrersApi === false || opts.lieAboutReferrers) {
    req.resume();
    send(req, res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, Buffer.from('404 page not found\n'));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') throw unsupported(req.method ?? '');
  await authorize(req, opts, name, ['pull']);
  checkDigest(digest);
  const r = store.repo(name, false);
  const filter = url.searchParams.get('artifactType');
  const entries = [...(r?.manifests.entries() ?? [])]
    .filter(([, m]) => m.subject === digest && (filter === null || m.artifactType === filter))
    .sort(([, a], [, b]) => a.seq - b.seq);
  const pageSize = opts.referrersPageSize ?? 100;
  const last = url.searchParams.get('last');
  let start = 0;
  if (last !== null) {
    const i = entries.findIndex(([d]) => d === last);
    start = i < 0 ? entries.length : i + 1;
  }
  const page = entries.slice(start, start + pageSize);
  const headers: Record<string, string> = { 'Content-Type': OCI_INDEX };
  if (filter !== null) headers['OCI-Filters-Applied'] = 'artifactType';
  if (start + pageSize < entries.length && page.length > 0) {
    const next = new URLSearchParams({ last: page[page.length - 1]![0] });
    if (filter !== null) next.set('artifactType', filter);
    headers.Link = `</v2/${name}/referrers/${digest}?${next.toString()}>; rel="next"`;
  }
  const body = {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: page.map(([d, m]) => ({
      mediaType: m.mediaType,
      digest: d,
      size: m.bytes.length,
      ...(m.artifactType ? { artifactType: m.artifactType } : {}),
      ...(m.annotations ? { annotations: m.annotations } : {}),
    })),
  };
  send(req, res, 200, headers, Buffer.from(JSON.stringify(body)));
}
