/**
 * /api/v2.0/projects/{project}/repositories/{repository}/artifacts/{reference}: the artifact, its
 * scan (start, stop, log), its additions (vulnerabilities, SBOM) and its accessories, with
 * Harbor's permission checks, status codes and error bodies.
 */
import type { VulnItem } from './fixtures.js';
import { jsonBody, sendJson } from './http-util.js';
import type { Route, RouteContext } from './router.js';
import type { ScanKind } from './scanner.js';
import type { HarborState } from './state.js';
import { HttpError, MIME_GENERIC, SBOM_CONFIG, iso, type Artifact, type Project } from './types.js';
import type { HarborViews } from './views.js';

const ARTIFACT = '/api/v2.0/projects/:project/repositories/:repo/artifacts/:reference';

interface Opened {
  p: Project;
  a: Artifact | undefined;
  kind: ScanKind;
  body: Record<string, unknown> | undefined;
  notFound: () => HttpError;
}

export function artifactRoutes(st: HarborState, views: HarborViews): Route[] {
  const { scanner, hasScanType, now, projectScanner, scannable, scanTargets } = st;
  const { acceptedMimes, itemSeverity, summaryOf, scannerJson, reportsOf, accessoriesOf, accessoryJson } =
    views;

  /**
   * What every artifact route shares. Segments arrive raw: the router decodes each once, and
   * Harbor decodes the repository name a second time (so names with '/' arrive as a%252Fb). The
   * scan type of a POST body decides the permission of scan and stop (sbom:create / sbom:stop).
   */
  async function open(c: RouteContext, perm: string): Promise<Opened> {
    const id = st.identify(c.req);
    const projectRef = decodeURIComponent(c.params.project ?? '');
    const repoName = decodeURIComponent(decodeURIComponent(c.params.repo ?? ''));
    const reference = decodeURIComponent(c.params.reference ?? '');
    const fullRepo = `${projectRef}/${repoName}`;
    const body = c.req.method === 'POST' ? await jsonBody(c.req) : undefined;
    const kind: ScanKind = hasScanType && body?.scan_type === 'sbom' ? 'sbom' : 'vulnerability';
    const effPerm = kind === 'sbom' ? perm.replace(/^scan:/, 'sbom:') : perm;
    const p = st.requireProject(id, projectRef, true, effPerm);
    const a = st.findArtifact(fullRepo, reference);
    const notFound = (): HttpError =>
      new HttpError(
        404,
        'NOT_FOUND',
        reference.includes(':')
          ? `artifact ${fullRepo}@${reference} not found`
          : `artifact ${fullRepo}:${reference} not found`,
      );
    return { p, a, kind, body, notFound };
  }

  async function getArtifact(c: RouteContext): Promise<void> {
    const { a, notFound } = await open(c, 'artifact:read');
    if (!a) throw notFound();
    sendJson(c.res, 200, views.artifactJson(a, c.req, c.url.searchParams));
  }

  async function startScan(c: RouteContext): Promise<void> {
    const { p, a, kind, notFound } = await open(c, 'scan:create');
    const { res } = c;
    if (!a) throw notFound();
    const s = projectScanner(p);
    if (!s) throw new HttpError(412, 'PRECONDITION', `no available scanner for project: ${String(p.id)}`);
    if (s.disabled) throw new HttpError(412, 'PRECONDITION', `scanner ${s.name} is deactivated`);
    const targets = kind === 'sbom' ? [a.digest] : scanTargets(a);
    if (!scannable(a) || targets.length === 0 || s.health !== 'healthy') {
      throw new HttpError(
        400,
        'BAD_REQUEST',
        `the configured scanner ${s.name} does not support scanning artifact with mime type ${a.mediaType}`,
      );
    }
    if (kind === 'sbom' && !s.supportSbom)
      throw new HttpError(500, 'UNKNOWN', 'no mime types to make report placeholders');
    const results = targets.map((d) => scanner.start(d, kind));
    if (results.every((r) => r === 'conflict')) {
      throw new HttpError(
        409,
        'CONFLICT',
        kind === 'sbom'
          ? 'a previous sbom generate process is running'
          : 'a previous scan process is Running',
      );
    }
    res.writeHead(202, { 'Content-Length': '0' });
    res.end();
  }

  async function stopScan(c: RouteContext): Promise<void> {
    const { a, kind, body, notFound } = await open(c, 'scan:stop');
    const { res } = c;
    if (hasScanType && body === undefined) {
      throw new HttpError(422, 'UNPROCESSABLE_ENTITY', 'scanType in body is required');
    }
    if (!a) throw notFound();
    const targets = kind === 'sbom' ? [a.digest] : scanTargets(a);
    const stopped = targets.map((d) => scanner.stop(d, kind));
    if (!stopped.some(Boolean))
      throw new HttpError(400, 'BAD_REQUEST', `no scan job for artifact digest=${a.digest}`);
    res.writeHead(202, { 'Content-Length': '0' });
    res.end();
  }

  async function scanLog(c: RouteContext): Promise<void> {
    const { a, notFound } = await open(c, 'scan:read');
    const { res } = c;
    if (!a) throw notFound();
    const reportId = c.params.report ?? '';
    const ids = /^[0-9a-f-]{36}$/.test(reportId)
      ? [reportId]
      : Buffer.from(reportId, 'base64').toString('utf8').split('|');
    const found = ids.map((i) => scanner.byId(i));
    if (found.some((r) => r === undefined))
      throw new HttpError(404, 'NOT_FOUND', `report with uuid ${reportId} does not exist`);
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(found.map((r) => (r ? scanner.logOf(r) : '')).join(''));
  }

  async function addition(c: RouteContext): Promise<void> {
    const { p, a, notFound } = await open(c, 'artifact-addition:read');
    const { req, res } = c;
    if (!a) throw notFound();
    if (c.params.addition === 'vulnerabilities') {
      const s = projectScanner(p);
      if (!s)
        throw new HttpError(
          404,
          'NOT_FOUND',
          `no scanner registration configured for project: ${String(p.id)}`,
        );
      if (!scannable(a)) throw new HttpError(404, 'NOT_FOUND', `report not found for ${a.repo}@${a.digest}`);
      const reports = reportsOf(a, 'vulnerability');
      const done = reports?.filter((r) => scanner.status(r) === 'Success' && r.outcome !== 'empty') ?? [];
      if (!acceptedMimes(req).includes(MIME_GENERIC) || done.length === 0) {
        sendJson(res, 200, {});
        return;
      }
      const merged = new Map<string, VulnItem & { artifact_digests: string[] }>();
      for (const r of done) {
        for (const it of r.vulnerabilities) {
          const k = `${it.id}-${it.package}-${it.version}`;
          const prev = merged.get(k);
          if (prev) prev.artifact_digests.push(r.digest);
          else merged.set(k, { ...it, severity: itemSeverity(it.severity), artifact_digests: [r.digest] });
        }
      }
      const items: VulnItem[] =
        st.opts.reportArtifactDigests === false
          ? [...merged.values()].map(({ artifact_digests: _omitted, ...it }) => it)
          : [...merged.values()];
      sendJson(res, 200, {
        [MIME_GENERIC]: {
          generated_at: iso(Math.max(...done.map((r) => scanner.endTime(r) ?? now()))),
          scanner: scannerJson(s),
          // Scanners leave the report severity empty when nothing was found.
          severity: items.length === 0 ? '' : String(summaryOf(items).severity),
          vulnerabilities: items,
        },
      });
      return;
    }
    if (c.params.addition === 'sbom') {
      if (!a.sbomDocument) throw new HttpError(404, 'NOT_FOUND', `no sbom found for ${a.repo}@${a.digest}`);
      const text = JSON.stringify(a.sbomDocument);
      res.writeHead(200, { 'Content-Type': SBOM_CONFIG, 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    throw new HttpError(404, 'NOT_FOUND', `addition ${c.params.addition ?? ''} not found`);
  }

  async function listAccessories(c: RouteContext): Promise<void> {
    const { a, notFound } = await open(c, 'accessory:list');
    const { res, url } = c;
    if (!a) throw notFound();
    const type = /^type=(.+)$/.exec(url.searchParams.get('q') ?? '')?.[1];
    const list = accessoriesOf(a).filter((x) => type === undefined || x.type === type);
    sendJson(res, 200, list.map(accessoryJson), { 'X-Total-Count': String(list.length) });
  }

  return [
    { method: 'GET', path: ARTIFACT, handler: getArtifact },
    { method: 'POST', path: `${ARTIFACT}/scan`, handler: startScan },
    { method: 'POST', path: `${ARTIFACT}/scan/stop`, handler: stopScan },
    { method: 'GET', path: `${ARTIFACT}/scan/:report/log`, handler: scanLog },
    { method: 'GET', path: `${ARTIFACT}/additions/:addition`, handler: addition },
    { method: 'GET', path: `${ARTIFACT}/accessories`, handler: listAccessories },
  ];
}
