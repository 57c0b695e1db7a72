/**
 * Issue 23, item 10: the release workflow does what the README promises, in order, with every
 * third-party action pinned by commit SHA; and the README tells users to pin and check.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  name?: string;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}
const text = fs.readFileSync('.github/workflows/release.yml', 'utf8');
const wf = YAML.parse(text) as {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const runs = (job: Job): string => job.steps.map((s) => s.run ?? '').join('\n');

describe('.github/workflows/release.yml', () => {
  it('runs on version tags only, read-only by default', () => {
    expect(wf.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+']);
    expect(Object.keys(wf.on)).toEqual(['push']);
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('pins every action it uses by a full commit SHA', () => {
    const uses = Object.values(wf.jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it('tests first, then publishes: npm with provenance, the tarball with its SHA-256, signed by harbor-gate, the major tag moved', () => {
    const { test, publish } = wf.jobs;
    expect(test && publish).toBeTruthy();
    expect(runs(test!)).toMatch(/npm test/);
    expect(runs(test!)).toMatch(/npm run build[\s\S]*git status --porcelain dist/);
    expect(publish!.needs).toBe('test');
    expect(publish!.permissions).toMatchObject({ 'id-token': 'write', contents: 'write' });
    const script = runs(publish!);
    const order = [
      /npm pack/,
      /sha256sum "\$FILE" \| tee "\$FILE\.sha256"/,
      /npm publish --provenance/,
      /node scripts\/release-layout\.mjs/,
      /node dist\/cli\.mjs push/,
      /node dist\/cli\.mjs sign/,
      /node dist\/cli\.mjs verify/,
      /gh release create "\$TAG"[\s\S]*?"\$FILE" "\$FILE\.sha256"/,
      /git tag -fa "\$MAJOR"/,
      /git push --force origin "refs\/tags\/\$MAJOR"/,
    ];
    let at = 0;
    for (const re of order) {
      const m = re.exec(script.slice(at));
      expect(m, String(re)).not.toBeNull();
      at += m!.index + m![0].length;
    }
  });
});

describe('README: install and pin', () => {
  const readme = fs.readFileSync('README.md', 'utf8');

  it('says honestly that nothing is published, and how to run from a clone or a packed tarball', () => {
    expect(readme).toContain('**Nothing is published yet.**');
    expect(readme).toContain('node dist/cli.mjs gate');
    expect(readme).toContain('npm exec --yes --package=./harbor-gate-0.1.0.tgz -- harbor-gate');
  });

  it('pins the Action by commit SHA and the package by exact version, and shows npm audit signatures', () => {
    expect(readme).toMatch(/uses: harbor-gate\/harbor-gate@<40-hex commit sha> # v0\.1\.0/);
    expect(readme).toContain('npx --yes harbor-gate@0.1.0');
    expect(readme).toContain('npm audit signatures');
    for (const file of ['README.md', 'docs/github-actions.md', 'docs/gitlab-ci.md']) {
      const doc = fs.readFileSync(file, 'utf8');
      // No range next to --yes, and no Action pinned by a movable tag.
      expect(doc, file).not.toMatch(/harbor-gate@\d+(\.\d+)?(?![.\d])/);
      expect(doc, file).not.toMatch(/uses: harbor-gate\/harbor-gate@v/);
    }
  });
});
