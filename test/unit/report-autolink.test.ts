/**
 * Issue 20, item 10: package names and versions from Harbor such as `www.evil-login.example` or
 * `https://evil.example/phish` became live links in the job summary. GFM (GitHub) and GitLab turn
 * three kinds of plain text into links: `www.` + domain, `scheme://` + domain, and e-mail
 * addresses; `detectAutolinks` finds each the way the GFM spec describes them.
 */
import { describe, expect, it } from 'vitest';
import { buildGitlabReport, renderMarkdown } from '../../src/report/index.js';
import { noAutolink } from '../../src/report/common.js';
import { loadPolicy, loadReport, reportInput } from '../fixtures/reports/load.js';

/** GFM's extended autolinks (spec 6.9): www, url (any scheme://, as GitLab also links) and email. */
function detectAutolinks(md: string): string[] {
  const found: string[] = [];
  const patterns = [
    /(?:^|[\s*_~(|])(www\.[A-Za-z0-9_-][^\s<]*)/gi,
    /(?:^|[\s*_~(|])([A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9_-][^\s<]*)/g,
    /([A-Za-z0-9._+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)/g,
  ];
  for (const p of patterns) for (const m of md.matchAll(p)) found.push(m[1]!);
  return found;
}

describe('no autolinks from outside text in Markdown', () => {
  it('a hostile package, version and fix version stay text in the job summary', () => {
    const report = loadReport('debian-bookworm.json');
    const f = report.findings[0]!;
    report.findings[0] = {
      ...f,
      package: 'www.evil-login.example',
      version: 'https://evil.example/phish',
      fixVersion: 'support@evil-login.example',
    };
    const md = renderMarkdown(reportInput(report, loadPolicy()));
    const row = md.split('\n').find((l) => l.includes('evil-login'));
    expect(row).toBeDefined();
    expect(detectAutolinks(row!)).toEqual([]);
    expect(detectAutolinks(md).filter((l) => l.includes('evil'))).toEqual([]);
    // What a person reads (and copies) is unchanged: the breaks are zero-width.
    const shown = row!.replace(/\u200B/g, '');
    expect(shown).toContain('www.evil-login.example');
    expect(shown).toContain('https://evil.example/phish');
    expect(shown).toContain('support@evil-login.example');
  });

  it('the GitLab report, whose description and solution GitLab renders as Markdown, too', () => {
    const report = loadReport('debian-bookworm.json');
    const f = report.findings[0]!;
    report.findings[0] = {
      ...f,
      package: 'www.evil-login.example',
      version: 'https://evil.example/phish',
      fixVersion: 'support@evil-login.example',
      description: 'See https://evil.example/more or write to help@evil.example',
    };
    const doc = buildGitlabReport(reportInput(report, loadPolicy())) as unknown as {
      vulnerabilities: { description: string; solution: string }[];
    };
    const hostile = doc.vulnerabilities.filter((v) => v.solution.includes('evil'));
    expect(hostile.length).toBeGreaterThan(0);
    for (const v of hostile) {
      expect(detectAutolinks(v.description)).toEqual([]);
      expect(detectAutolinks(v.solution)).toEqual([]);
      expect(v.solution.replace(/\u200B/g, '')).toContain('https://evil.example/phish');
    }
  });

  it('noAutolink breaks every kind and nothing else', () => {
    for (const t of [
      'www.a.example',
      'WWW.a.example',
      'https://a.example/x',
      'ftp://a.example',
      'x@a.example',
      'mailto:x@a.example',
    ]) {
      expect(detectAutolinks(t), t).not.toEqual([]);
      expect(detectAutolinks(noAutolink(t)), t).toEqual([]);
      expect(noAutolink(t).replace(/\u200B/g, '')).toBe(t);
    }
    expect(noAutolink('openssl 3.0.11-1~deb12u2')).toBe('openssl 3.0.11-1~deb12u2');
  });
});
