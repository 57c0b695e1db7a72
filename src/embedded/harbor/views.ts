/** Harbor's JSON shapes of the embedded data: artifacts, scan and SBOM overviews, projects. */
import type http from 'node:http';
import { defaultSbom, type VulnItem } from './fixtures.js';
import type { JobStatus, Report, ScanKind } from './scanner.js';
import type { HarborState } from './state.js';
import {
  MIME_GENERIC,
  MIME_NATIVE,
  SBOM_CONFIG,
  ZERO_TIME,
  iso,
  sha256,
  type Accessory,
  type Artifact,
  type Project,
  type ScannerRegistration,
} from './types.js';

export type HarborViews = ReturnType<typeof createViews>;

export function createViews(st: HarborState) {
  const {
    scanner,
    artifacts,
    accessories,
    sysDefault,
    hasScanType,
    projectScanner,
    scannable,
    scanTargets,
    artKey,
    recordManifest,
    findArtifact,
    artifactType,
  } = st;

  function acceptedMimes(req: http.IncomingMessage): string[] {
    const h = req.headers['x-accept-vulnerabilities'];
    const raw = Array.isArray(h) ? h.join(',') : h;
    if (raw === undefined || raw.trim() === '') return [MIME_GENERIC, MIME_NATIVE];
    const parts = raw.split(',').map((s) => s.trim().replace(/\s*;\s*/g, '; '));
    const known = parts.filter((p) => p === MIME_GENERIC || p === MIME_NATIVE);
    return known.length > 0 ? known : [MIME_NATIVE];
  }

  /** Harbor's normalisation of item severities (ParseSeverityVersion3). */
  function itemSeverity(s: string): string {
    const t = s.trim().toLowerCase();
    const map: Record<string, string> = {
      critical: 'Critical',
      high: 'High',
      medium: 'Medium',
      low: 'Low',
      negligible: 'None',
      none: 'None',
    };
    return map[t] ?? 'Unknown';
  }
  const SEV_CODE: Record<string, number> = { None: 0, Unknown: 0, Low: 2, Medium: 3, High: 4, Critical: 5 };

  function summaryOf(items: VulnItem[]): Record<string, unknown> {
    const counts: Record<string, number> = {};
    let fixable = 0;
    let worst = 'None';
    for (const it of items) {
      const s = itemSeverity(it.severity);
      counts[s] = (counts[s] ?? 0) + 1;
      if (it.fix_version !== '') fixable++;
      if ((SEV_CODE[s] ?? 0) > (SEV_CODE[worst] ?? 0)) worst = s;
    }
    return { severity: worst, summary: { total: items.length, fixable, summary: counts } };
  }

  function scannerJson(s: ScannerRegistration): Record<string, string> {
    return { name: s.name, vendor: s.vendor, version: s.version };
  }

  /** The reports of a scan of `a` (one per target); undefined if any target has none. */
  function reportsOf(a: Artifact, kind: ScanKind): Report[] | undefined {
    const targets = kind === 'sbom' ? [a.digest] : scanTargets(a);
    if (targets.length === 0) return undefined;
    const out: Report[] = [];
    for (const d of targets) {
      const r = scanner.get(d, kind);
      if (!r) return undefined;
      out.push(r);
    }
    return out;
  }

  /** Harbor's MergeScanStatus: Running if any runs, else Stopped, else Success if any succeeded. */
  /**
   * An index's status as Harbor merges its children's (pkg/scan/vuln MergeScanStatus): Running if
   * one runs, else Success if one succeeded, so a Pending or failed child hides behind Success with
   * complete_percent below 100 ("limited success").
   */
  function mergedStatus(statuses: JobStatus[]): JobStatus {
    for (const s of ['Running', 'Success', 'Error', 'Stopped'] as const) if (statuses.includes(s)) return s;
    return 'Pending';
  }

  function scanOverview(a: Artifact, req: http.IncomingMessage): Record<string, unknown> | undefined {
    const s = projectScanner(a.project);
    if (!s || !scannable(a) || !acceptedMimes(req).includes(MIME_GENERIC)) return undefined;
    const reports = reportsOf(a, 'vulnerability');
    if (!reports) return undefined;
    const script = scanner.script(a.digest);
    const hidden = script.overviewHiddenMs;
    if (hidden !== undefined && reports.every((r) => scanner.age(r) < hidden)) return undefined;
    const statuses = reports.map((r) => scanner.status(r));
    const status = mergedStatus(statuses);
    const starts = reports.map((r) => r.startedAt);
    const ends = reports.map((r) => scanner.endTime(r));
    const ov: Record<string, unknown> = {
      report_id:
        reports.length === 1
          ? reports[0]?.id
          : Buffer.from(reports.map((r) => r.id).join('|')).toString('base64'),
      scan_status: status,
      start_time: status === 'Pending' ? ZERO_TIME : iso(Math.min(...starts)),
      end_time: ends.every((e) => e !== undefined) ? iso(Math.max(...ends)) : ZERO_TIME,
    };
    if (status === 'Success') {
      const items = reports
        .filter((r) => scanner.status(r) === 'Success' && r.outcome !== 'empty')
        .flatMap((r) => r.vulnerabilities);
      Object.assign(ov, summaryOf(dedupe(items)));
      ov.scanner = scannerJson(s);
      ov.duration = Math.round(reports.reduce((t, r) => t + r.durationMs, 0) / 1000);
      if (!script.omitCompletePercent) {
        ov.complete_percent = Math.floor(
          (statuses.filter((x) => x === 'Success').length * 100) / statuses.length,
        );
      }
    }
    return { [MIME_GENERIC]: ov };
  }

  function dedupe(items: VulnItem[]): VulnItem[] {
    const seen = new Set<string>();
    return items.filter((i) => {
      const k = `${i.id}-${i.package}-${i.version}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }

  /** Once an SBOM scan succeeds, Harbor has pushed the SBOM accessory: record it. */
  function materialiseSbom(a: Artifact, r: Report): void {
    if (r.sbomDigest || scanner.status(r) !== 'Success') return;
    const doc = r.sbom ?? defaultSbom(a.digest);
    const blob = Buffer.from(JSON.stringify(doc));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: SBOM_CONFIG, digest: sha256(Buffer.from('{}')), size: 2 },
        layers: [
          { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(blob), size: blob.length },
        ],
        subject: { mediaType: a.mediaType, digest: a.digest, size: a.size },
        annotations: { 'created-by': 'Harbor', 'org.opencontainers.artifact.description': 'SPDX JSON SBOM' },
      }),
    );
    const digest = sha256(manifest);
    const acc = recordManifest(
      a.repo,
      digest,
      manifest,
      'application/vnd.oci.image.manifest.v1+json',
      digest,
    );
    if (acc) acc.sbomDocument = doc;
    r.sbomDigest = digest;
  }

  function sbomOverview(a: Artifact): Record<string, unknown> | undefined {
    const r = scanner.get(a.digest, 'sbom');
    if (!r) return undefined;
    materialiseSbom(a, r);
    const status = scanner.status(r);
    const end = scanner.endTime(r);
    const s = projectScanner(a.project);
    const ov: Record<string, unknown> = {
      report_id: r.id,
      scan_status: status,
      start_time: status === 'Pending' ? ZERO_TIME : iso(r.startedAt),
      end_time: end === undefined ? ZERO_TIME : iso(end),
    };
    if (status === 'Success') {
      ov.sbom_digest = r.sbomDigest;
      ov.duration = Math.round(r.durationMs / 1000);
      if (s) ov.scanner = scannerJson(s);
    }
    return ov;
  }

  function repoInProject(a: Artifact): string {
    return a.repo.slice(a.project.name.length + 1);
  }

  function artifactJson(a: Artifact, req: http.IncomingMessage, q: URLSearchParams): Record<string, unknown> {
    const enc = encodeURIComponent(repoInProject(a)).replace(/%2F/g, '%252F');
    const base = `/api/v2.0/projects/${a.project.name}/repositories/${enc}/artifacts/${a.digest}`;
    const links: Record<string, unknown> = {};
    if (scannable(a) && projectScanner(a.project))
      links.vulnerabilities = { href: `${base}/additions/vulnerabilities`, absolute: false };
    const out: Record<string, unknown> = {
      id: a.id,
      type: artifactType(a),
      media_type: a.configMediaType ?? a.mediaType,
      manifest_media_type: a.mediaType,
      project_id: a.project.id,
      repository_id: a.repoId,
      repository_name: a.repo,
      digest: a.digest,
      size: a.size,
      icon: '',
      push_time: a.pushTime,
      pull_time: ZERO_TIME,
      extra_attrs: {},
      annotations: a.annotations,
      references: a.children.map((c) => ({
        parent_id: a.id,
        child_id: artifacts.get(artKey(a.repo, c.digest))?.id ?? 0,
        child_digest: c.digest,
        ...(c.platform ? { platform: c.platform } : {}),
        ...(c.annotations ? { annotations: c.annotations } : {}),
        urls: [],
      })),
      tags: (q.get('with_tag') === 'false' ? [] : [...a.tags]).map(([name, t], i) => ({
        id: a.id * 1000 + i,
        repository_id: a.repoId,
        artifact_id: a.id,
        name,
        push_time: t,
        pull_time: ZERO_TIME,
        immutable: false,
      })),
      addition_links: links,
      labels: [],
    };
    if (a.artifactType) out.artifact_type = a.artifactType;
    if (q.get('with_scan_overview') === 'true') {
      const ov = scanOverview(a, req);
      if (ov) out.scan_overview = ov;
    }
    if (q.get('with_sbom_overview') === 'true' && hasScanType) {
      const ov = sbomOverview(a);
      if (ov) {
        out.sbom_overview = ov;
        links.sboms = {
          href: `/api/v2.0/projects/${a.project.name}/repositories/${enc}/artifacts/${typeof ov.sbom_digest === 'string' ? ov.sbom_digest : ''}/additions/sbom`,
          absolute: false,
        };
      }
    }
    if (q.get('with_accessory') === 'true') out.accessories = accessoriesOf(a).map(accessoryJson);
    return out;
  }

  function accessoriesOf(a: Artifact): Accessory[] {
    return accessories.filter((x) => x.subjectRepo === a.repo && x.subjectDigest === a.digest);
  }

  function accessoryJson(x: Accessory): Record<string, unknown> {
    return {
      id: x.id,
      artifact_id: x.artifact.id,
      subject_artifact_id: findArtifact(x.subjectRepo, x.subjectDigest)?.id ?? 0,
      subject_artifact_repo: x.subjectRepo,
      subject_artifact_digest: x.subjectDigest,
      size: x.artifact.size,
      digest: x.artifact.digest,
      type: x.type,
      icon: '',
      creation_time: x.artifact.pushTime,
    };
  }

  function allowlistJson(
    projectId: number,
    l: { items: string[]; expiresAt: number | null },
  ): Record<string, unknown> {
    return {
      id: projectId + 1,
      project_id: projectId,
      expires_at: l.expiresAt,
      items: l.items.map((cve_id) => ({ cve_id })),
      creation_time: ZERO_TIME,
      update_time: ZERO_TIME,
    };
  }

  function projectJson(p: Project): Record<string, unknown> {
    return {
      project_id: p.id,
      owner_id: 1,
      name: p.name,
      registry_id: 0,
      creation_time: p.created,
      update_time: p.created,
      deleted: false,
      owner_name: 'admin',
      togglable: true,
      current_user_role_id: 0,
      current_user_role_ids: [],
      repo_count: new Set([...artifacts.values()].filter((a) => a.project === p).map((a) => a.repo)).size,
      metadata: p.metadata,
      cve_allowlist: allowlistJson(p.id, p.allowlist),
    };
  }

  function scannerRegistrationJson(s: ScannerRegistration): Record<string, unknown> {
    return {
      uuid: s.uuid,
      name: s.name,
      description: 'The embedded scripted scanner',
      url: 'http://scanner.embedded:8080',
      disabled: s.disabled,
      is_default: s === sysDefault,
      auth: '',
      access_credential: '',
      skip_certVerify: false,
      use_internal_addr: true,
      create_time: ZERO_TIME,
      update_time: ZERO_TIME,
      adapter: s.name,
      vendor: s.vendor,
      version: s.version,
      health: s.health,
      capabilities: { support_vulnerability: true, support_sbom: s.supportSbom },
    };
  }

  return {
    acceptedMimes,
    itemSeverity,
    summaryOf,
    scannerJson,
    reportsOf,
    artifactJson,
    accessoriesOf,
    accessoryJson,
    allowlistJson,
    projectJson,
    scannerRegistrationJson,
  };
}
