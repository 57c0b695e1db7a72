/**
 * The fix plan: the violating findings grouped by package and installed version, with the lowest
 * version that fixes all of them, ordered by how many violations each upgrade clears.
 */
import type { EvaluatedFinding, FixPlan, FixStep, Violation } from './types.js';
import { compareVersions, maxVersion } from './version.js';

/**
 * Scanners sometimes list several fixed versions ("1.1.1t, 3.0.8" for two release branches).
 * Take the lowest one above the installed version; if none is above it, the highest listed.
 */
export function effectiveFix(installed: string, fixVersion: string | undefined): string | undefined {
  if (fixVersion === undefined) return undefined;
  const candidates = fixVersion
    .split(/\s*,\s*|\s+/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (candidates.length === 0) return undefined;
  const above = candidates.filter((v) => compareVersions(v, installed) > 0).sort(compareVersions);
  return above[0] ?? maxVersion(candidates);
}

export function buildFixPlan(
  violating: readonly EvaluatedFinding[],
  violations: readonly Violation[],
): FixPlan {
  const perFinding = new Map<string, number>();
  for (const v of violations) {
    if (v.finding) perFinding.set(v.finding.key, (perFinding.get(v.finding.key) ?? 0) + 1);
  }
  const totalViolations = [...perFinding.values()].reduce((a, b) => a + b, 0);
  const groups = new Map<
    string,
    { pkg: string; installed: string; fixes: string[]; clears: number; ids: string[] }
  >();
  const noFix: EvaluatedFinding[] = [];
  for (const f of violating) {
    const fix = effectiveFix(f.version, f.fixVersion);
    if (fix === undefined) {
      noFix.push(f);
      continue;
    }
    const gk = `${f.package}\u0000${f.version}`;
    let g = groups.get(gk);
    if (!g) {
      g = { pkg: f.package, installed: f.version, fixes: [], clears: 0, ids: [] };
      groups.set(gk, g);
    }
    g.fixes.push(fix);
    g.clears += perFinding.get(f.key) ?? 1;
    if (!g.ids.includes(f.id)) g.ids.push(f.id);
  }
  const steps: FixStep[] = [...groups.values()].map((g) => {
    const target = maxVersion(g.fixes)!;
    return {
      package: g.pkg,
      installed: g.installed,
      target,
      clears: g.clears,
      ids: g.ids,
      text: `upgrade ${g.pkg} ${g.installed} -> ${target}: clears ${g.clears} of ${totalViolations} violation${totalViolations === 1 ? '' : 's'}`,
    };
  });
  steps.sort(
    (a, b) =>
      b.clears - a.clears ||
      (a.package < b.package ? -1 : a.package > b.package ? 1 : 0) ||
      compareVersions(a.installed, b.installed),
  );
  return { steps, noFix, totalViolations };
}
