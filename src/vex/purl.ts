/**
 * Package URLs (purl-spec), just enough to match VEX products and subcomponents: type,
 * namespace, name, version and qualifiers, percent-decoded. Returns undefined for anything that
 * is not a purl.
 */
export interface Purl {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers: Record<string, string>;
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

export function parsePurl(input: string): Purl | undefined {
  if (typeof input !== 'string' || input.length > 4096 || !/^pkg:/i.test(input)) return undefined;
  let rest = input.slice(4).replace(/^\/+/, '');
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const qualifiers: Record<string, string> = {};
  const q = rest.indexOf('?');
  if (q >= 0) {
    for (const pair of rest.slice(q + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const k = pair.slice(0, eq).toLowerCase();
      const v = decode(pair.slice(eq + 1));
      if (v !== undefined && v !== '') qualifiers[k] = v;
    }
    rest = rest.slice(0, q);
  }
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const type = rest.slice(0, slash).toLowerCase();
  if (!/^[a-z.+-][a-z0-9.+-]*$/.test(type)) return undefined;
  let path = rest.slice(slash + 1).replace(/\/+$/, '');
  let version: string | undefined;
  const at = path.lastIndexOf('@');
  if (at >= 0) {
    version = decode(path.slice(at + 1));
    if (version === undefined) return undefined;
    path = path.slice(0, at);
  }
  const segments = path.split('/').filter((s) => s !== '');
  const nameRaw = segments.pop();
  if (nameRaw === undefined) return undefined;
  const name = decode(nameRaw);
  if (name === undefined || name === '') return undefined;
  const ns = segments.map(decode);
  if (ns.some((s) => s === undefined)) return undefined;
  const out: Purl = { type, name, qualifiers };
  if (ns.length > 0) out.namespace = ns.join('/');
  if (version !== undefined && version !== '') out.version = version;
  return out;
}
