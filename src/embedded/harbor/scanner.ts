/**
 * The scripted scanner behind the Harbor-compatible server: per-digest scripts decide how long a
 * scan takes and how it ends, and reports are kept per (digest, scan type) as Harbor keeps them
 * per (digest, scanner, MIME type). Status is computed from the clock when read, so tests with a
 * fast clock or short durations need no timers.
 */
import crypto from 'node:crypto';
import { DEFAULT_VULNERABILITIES, type VulnItem } from './fixtures.js';

export type ScanKind = 'vulnerability' | 'sbom';
export type JobStatus = 'Pending' | 'Running' | 'Success' | 'Error' | 'Stopped';

export interface ScanScript {
  /** How long a scan of this digest takes (default 30 ms). */
  durationMs?: number;
  /**
   * success (default): a report from `vulnerabilities`; error: the job fails; pending: the job is
   * never picked up (Pending forever); empty: Success but no report data (additions answer {}).
   */
  outcome?: 'success' | 'error' | 'pending' | 'empty';
  /** The report items (Harbor's API item shape); default: DEFAULT_VULNERABILITIES. */
  vulnerabilities?: VulnItem[];
  /** What the job log says (an error message for outcome error). */
  log?: string;
  /** An old, finished report from an earlier scan of the same digest, present before any trigger. */
  previous?: { vulnerabilities?: VulnItem[]; ageMs?: number };
  /** After a trigger, reads keep showing the previous report for this long (a lagging replica). */
  staleReadsMs?: number;
  /** The SBOM document an sbom scan produces (default: a small SPDX document). */
  sbom?: Record<string, unknown>;
  /**
   * The artifact shows no scan overview for this long after its scan started (Infinity: never),
   * as a child Harbor has not got round to yet.
   */
  overviewHiddenMs?: number;
  /** An index's merged overview leaves out complete_percent (the field is optional in Harbor's API). */
  omitCompletePercent?: boolean;
}

export interface Report {
  id: string;
  digest: string;
  kind: ScanKind;
  startedAt: number;
  durationMs: number;
  outcome: NonNullable<ScanScript['outcome']>;
  vulnerabilities: VulnItem[];
  log: string;
  stoppedAt?: number;
  /** The report this one replaced, still shown until staleUntil. */
  previous?: Report;
  staleUntil?: number;
  sbom?: Record<string, unknown>;
  /** Set once the SBOM accessory exists. */
  sbomDigest?: string;
}

const FINAL: ReadonlySet<JobStatus> = new Set(['Success', 'Error', 'Stopped']);

export function isFinal(s: JobStatus): boolean {
  return FINAL.has(s);
}

export class ScriptedScanner {
  private readonly scripts = new Map<string, ScanScript>();
  private readonly reports = new Map<string, Report>();
  defaultScript: ScanScript;

  constructor(
    private readonly now: () => number,
    defaultScript: ScanScript = {},
  ) {
    this.defaultScript = defaultScript;
  }

  private key(digest: string, kind: ScanKind): string {
    return `${kind}|${digest}`;
  }

  /** How long ago the report's scan started. */
  age(r: Report): number {
    return this.now() - r.startedAt;
  }

  script(digest: string): ScanScript {
    return this.scripts.get(digest) ?? this.defaultScript;
  }

  /** Script the scans of one digest; `previous` creates the old report right away. */
  setScript(digest: string, script: ScanScript): void {
    this.scripts.set(digest, script);
    if (script.previous) {
      const at = this.now() - (script.previous.ageMs ?? 86_400_000);
      this.reports.set(this.key(digest, 'vulnerability'), {
        id: crypto.randomUUID(),
        digest,
        kind: 'vulnerability',
        startedAt: at,
        durationMs: 1000,
        outcome: 'success',
        vulnerabilities: script.previous.vulnerabilities ?? DEFAULT_VULNERABILITIES,
        log: 'scan finished (an earlier scan)\n',
      });
    }
  }

  /** The report as a reader sees it now (a stale previous one while staleUntil lasts). */
  get(digest: string, kind: ScanKind): Report | undefined {
    const r = this.reports.get(this.key(digest, kind));
    if (r?.previous && r.staleUntil !== undefined && this.now() < r.staleUntil) return r.previous;
    return r;
  }

  /** The current report, never a stale view (for stop and log). */
  current(digest: string, kind: ScanKind): Report | undefined {
    return this.reports.get(this.key(digest, kind));
  }

  byId(id: string): Report | undefined {
    for (const r of this.reports.values()) {
      if (r.id === id) return r;
      if (r.previous?.id === id) return r.previous;
    }
    return undefined;
  }

  status(r: Report): JobStatus {
    if (r.stoppedAt !== undefined) return 'Stopped';
    if (r.outcome === 'pending') return 'Pending';
    const t = this.now();
    if (t < r.startedAt + r.durationMs / 4) return 'Pending';
    if (t < r.startedAt + r.durationMs) return 'Running';
    return r.outcome === 'error' ? 'Error' : 'Success';
  }

  endTime(r: Report): number | undefined {
    const s = this.status(r);
    if (s === 'Stopped') return r.stoppedAt;
    return isFinal(s) ? r.startedAt + r.durationMs : undefined;
  }

  /** Start a scan: 'conflict' when the previous one is not final (Harbor's 409). */
  start(digest: string, kind: ScanKind): 'started' | 'conflict' {
    const existing = this.current(digest, kind);
    if (existing && !isFinal(this.status(existing))) return 'conflict';
    const script = this.script(digest);
    const now = this.now();
    const report: Report = {
      id: crypto.randomUUID(),
      digest,
      kind,
      startedAt: now,
      durationMs: script.durationMs ?? 30,
      outcome: script.outcome ?? 'success',
      vulnerabilities: script.vulnerabilities ?? DEFAULT_VULNERABILITIES,
      log: script.log ?? defaultLog(script.outcome ?? 'success', digest),
    };
    if (kind === 'sbom' && script.sbom) report.sbom = script.sbom;
    if (existing && script.staleReadsMs) {
      report.previous = existing;
      report.staleUntil = now + script.staleReadsMs;
    }
    this.reports.set(this.key(digest, kind), report);
    return 'started';
  }

  /** Stop a running scan; false when there is no job (Harbor's 400). */
  stop(digest: string, kind: ScanKind): boolean {
    const r = this.current(digest, kind);
    if (!r) return false;
    if (!isFinal(this.status(r))) r.stoppedAt = this.now();
    return true;
  }

  logOf(r: Report): string {
    const s = this.status(r);
    const head = `${new Date(r.startedAt).toISOString()} [INFO] [${r.kind}] scan job for ${r.digest} queued\n`;
    if (s === 'Pending') return head + 'waiting for a worker\n';
    if (s === 'Stopped')
      return (
        head + r.log + `${new Date(r.stoppedAt ?? this.now()).toISOString()} [INFO] the job was stopped\n`
      );
    return head + r.log;
  }
}

function defaultLog(outcome: string, digest: string): string {
  if (outcome === 'error') {
    return (
      `[INFO] scanning ${digest}\n` +
      '[ERROR] scan failed: init error: DB error: failed to download vulnerability DB: connection refused\n'
    );
  }
  return `[INFO] scanning ${digest}\n[INFO] report generated\n`;
}
