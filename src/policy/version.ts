/**
 * A small version comparator for the versions scanners report: dotted versions (1.2.3), semantic
 * versions with pre-releases (1.2.3-rc.1) and Debian-style versions (1:3.0.11-1~deb12u2).
 *
 * Two versions that both look like semver are compared by semver precedence; anything else is
 * compared the way dpkg does (epoch, then upstream version, then revision; `~` sorts before
 * everything, even the end of the string). Ranges are comparators (`<`, `<=`, `>`, `>=`, `=`)
 * joined by spaces or commas (all must hold), with `||` between alternatives.
 */

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function compareSemver(a: RegExpExecArray, b: RegExpExecArray): number {
  for (let i = 1; i <= 3; i++) {
    const d = Number(a[i]) - Number(b[i]);
    if (d !== 0) return Math.sign(d);
  }
  const pa = a[4];
  const pb = b[4];
  if (pa === undefined && pb === undefined) return 0;
  if (pa === undefined) return 1;
  if (pb === undefined) return -1;
  const xa = pa.split('.');
  const xb = pb.split('.');
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const ia = xa[i];
    const ib = xb[i];
    if (ia === undefined) return -1;
    if (ib === undefined) return 1;
    const na = /^\d+$/.test(ia);
    const nb = /^\d+$/.test(ib);
    if (na && nb) {
      const d = Number(ia) - Number(ib);
      if (d !== 0) return Math.sign(d);
    } else if (na) return -1;
    else if (nb) return 1;
    else if (ia !== ib) return ia < ib ? -1 : 1;
  }
  return 0;
}

/** dpkg's character order: `~` first, then the end of the string, then letters, then the rest. */
function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function compareDebianPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = i < a.length && !isDigit(a[i]) ? order(a[i]) : 0;
      const bc = j < b.length && !isDigit(b[j]) ? order(b[j]) : 0;
      if (ac !== bc) return Math.sign(ac - bc);
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (isDigit(a[i]) && isDigit(b[j])) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a[i])) return 1;
    if (isDigit(b[j])) return -1;
    if (firstDiff !== 0) return Math.sign(firstDiff);
  }
  return 0;
}

function splitDebian(v: string): { epoch: number; upstream: string; revision: string } {
  let rest = v;
  let epoch = 0;
  const colon = rest.indexOf(':');
  if (colon > 0 && /^\d+$/.test(rest.slice(0, colon))) {
    epoch = Number(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  if (dash > 0) return { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) };
  return { epoch, upstream: rest, revision: '' };
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const x = a.trim();
  const y = b.trim();
  if (x === y) return 0;
  const sa = SEMVER.exec(x);
  const sb = SEMVER.exec(y);
  if (sa && sb) return compareSemver(sa, sb);
  const da = splitDebian(x);
  const db = splitDebian(y);
  if (da.epoch !== db.epoch) return Math.sign(da.epoch - db.epoch);
  return compareDebianPart(da.upstream, db.upstream) || compareDebianPart(da.revision, db.revision);
}

export type Operator = '<' | '<=' | '>' | '>=' | '=';

export interface Comparator {
  op: Operator;
  version: string;
}

/** Alternatives (OR) of comparator sets (AND). */
export type VersionRange = Comparator[][];

const COMPARATOR = /^(<=|>=|<|>|==|=)?\s*([0-9A-Za-z][0-9A-Za-z.+~:_-]*)$/;

/** Parses a range; throws an Error whose message says what is wrong. */
export function parseRange(text: string): VersionRange {
  const trimmed = text.trim();
  if (trimmed === '') throw new Error('the version range is empty');
  return trimmed.split('||').map((alt) => {
    // "<= 1.2" and "<=1.2" are both accepted: glue an operator to the version after it.
    const tokens = alt
      .trim()
      .replace(/(<=|>=|==|<|>|=)\s+/g, '$1')
      .split(/[\s,]+/)
      .filter((t) => t !== '');
    if (tokens.length === 0) throw new Error(`empty alternative in version range "${text}"`);
    return tokens.map((t) => {
      const m = COMPARATOR.exec(t);
      if (!m) throw new Error(`"${t}" is not a comparator such as <3.0.7, >=1.2 or 1.2.3`);
      const op = m[1] === undefined || m[1] === '==' ? '=' : (m[1] as Operator);
      return { op, version: m[2]! };
    });
  });
}

function holds(version: string, c: Comparator): boolean {
  const d = compareVersions(version, c.version);
  switch (c.op) {
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
    case '=':
      return d === 0;
  }
}

export function satisfies(version: string, range: VersionRange): boolean {
  return range.some((alt) => alt.every((c) => holds(version, c)));
}

/** The largest of the versions by compareVersions (undefined for an empty list). */
export function maxVersion(versions: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (best === undefined || compareVersions(v, best) > 0) best = v;
  return best;
}
