/**
 * Where a JSON value is in its source text: a JSON pointer ("/statements/3/status") to the
 * 1-based line of that value, and a JSON.parse error to its line. Used to name the line that is
 * wrong in a VEX document. A small scanner, not a second parser: it assumes the text already
 * parsed (or stops at the first thing it does not understand and returns undefined).
 */

/** Decode one RFC 6901 reference token. */
function unescapeToken(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.split('/').slice(1).map(unescapeToken);
}

/** Build a pointer from tokens. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

class Scanner {
  pos = 0;
  constructor(private readonly s: string) {}

  ws(): void {
    while (this.pos < this.s.length) {
      const c = this.s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  peek(): string {
    return this.s[this.pos] ?? '';
  }

  /** Read a string starting at a quote; returns its decoded value. */
  string(): string | undefined {
    if (this.peek() !== '"') return undefined;
    const start = this.pos;
    this.pos++;
    while (this.pos < this.s.length) {
      const c = this.s[this.pos];
      if (c === '\\') this.pos += 2;
      else if (c === '"') {
        this.pos++;
        try {
          return JSON.parse(this.s.slice(start, this.pos)) as string;
        } catch {
          return undefined;
        }
      } else this.pos++;
    }
    return undefined;
  }

  /** Skip any value; false when the text is not JSON here. */
  skip(): boolean {
    this.ws();
    const c = this.peek();
    if (c === '"') return this.string() !== undefined;
    if (c === '{' || c === '[') {
      // Iterative bracket matching that steps over strings.
      let depth = 0;
      while (this.pos < this.s.length) {
        const ch = this.s[this.pos];
        if (ch === '"') {
          if (this.string() === undefined) return false;
          continue;
        }
        if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          depth--;
          if (depth === 0) {
            this.pos++;
            return true;
          }
        }
        this.pos++;
      }
      return false;
    }
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      this.s.slice(this.pos, this.pos + 64),
    );
    if (!m) return false;
    this.pos += m[0].length;
    return true;
  }
}

/**
 * The character offset where the value at `pointer` starts, or undefined when the pointer does
 * not resolve. For a pointer to a missing key of an object, give the object's pointer instead.
 */
export function offsetOfPointer(text: string, pointer: string): number | undefined {
  const sc = new Scanner(text);
  sc.ws();
  if (sc.peek() === '\uFEFF') {
    sc.pos++;
    sc.ws();
  }
  for (const token of pointerTokens(pointer)) {
    sc.ws();
    const open = sc.peek();
    if (open === '{') {
      sc.pos++;
      for (;;) {
        sc.ws();
        if (sc.peek() === '}') return undefined;
        const key = sc.string();
        if (key === undefined) return undefined;
        sc.ws();
        if (sc.peek() !== ':') return undefined;
        sc.pos++;
        sc.ws();
        if (key === token) break;
        if (!sc.skip()) return undefined;
        sc.ws();
        if (sc.peek() === ',') sc.pos++;
      }
    } else if (open === '[') {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      const want = Number(token);
      sc.pos++;
      for (let i = 0; ; i++) {
        sc.ws();
        if (sc.peek() === ']') return undefined;
        if (i === want) break;
        if (!sc.skip()) return undefined;
        sc.ws();
        if (sc.peek() === ',') sc.pos++;
      }
    } else {
      return undefined;
    }
  }
  sc.ws();
  return sc.pos;
}

/** The 1-based line of the value at `pointer`, falling back to its nearest existing parent. */
export function lineOfPointer(text: string, pointer: string): number {
  const tokens = pointerTokens(pointer);
  for (let n = tokens.length; n >= 0; n--) {
    const off = offsetOfPointer(text, toPointer(tokens.slice(0, n)));
    if (off !== undefined) return lineAt(text, off);
  }
  return 1;
}

/**
 * The line of a JSON.parse SyntaxError: V8 says "at position N" (and newer versions "(line L
 * column C)"). Undefined when the message names neither.
 */
export function lineOfSyntaxError(text: string, e: unknown): number | undefined {
  const msg = e instanceof Error ? e.message : String(e);
  const lc = /\(line (\d+) column \d+\)/.exec(msg);
  if (lc) return Number(lc[1]);
  const p = /at position (\d+)/.exec(msg);
  if (p) return lineAt(text, Number(p[1]));
  if (/Unexpected end of JSON input/i.test(msg)) return lineAt(text, text.length);
  const off = syntaxErrorOffset(text);
  return off === undefined ? undefined : lineAt(text, off);
}

/**
 * The offset of the first JSON syntax error in `text` (undefined when it is valid JSON): a
 * strict recursive-descent check, for JSON.parse messages that give no position.
 */
export function syntaxErrorOffset(text: string): number | undefined {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  class Bad extends Error {}
  const bad = (): never => {
    throw new Bad();
  };
  const str = (): void => {
    if (text[i] !== '"') bad();
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) bad();
      if (c === 92) {
        const e = text[i + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) bad();
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else bad();
      } else i++;
    }
    bad();
  };
  const value = (depth: number): void => {
    if (depth > 512) bad();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        str();
        ws();
        if (text[i] !== ':') bad();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        bad();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        bad();
      }
    }
    if (c === '"') {
      str();
      return;
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) bad();
    i += m![0].length;
    if (m![0].length > 0 && /[A-Za-z0-9]/.test(text[i] ?? '')) bad();
  };
  try {
    value(0);
    ws();
    return i < n ? i : undefined;
  } catch (e) {
    if (e instanceof Bad) return Math.min(i, n);
    throw e;
  }
}
