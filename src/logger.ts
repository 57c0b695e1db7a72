import { cleanLines } from './core/index.js';

/** Library code logs through this; adapters decide where it goes. Never pass secrets. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A logger that scrubs every registered secret from what it writes. */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) {
      this.remember(secret);
      // A header or URL may carry the encoded forms.
      this.remember(Buffer.from(secret).toString('base64'));
      this.remember(encodeURIComponent(secret));
    }
  }

  /**
   * A username and password: the password, and the Basic header form base64(`user:password`)
   * (also URL-encoded, as in a query or a form body). The username alone is not a secret.
   */
  addCredential(username: string | undefined, password: string | undefined): void {
    if (!password) return;
    this.add(password);
    if (password.length < 4) return;
    const basic = Buffer.from(`${username ?? ''}:${password}`).toString('base64');
    this.remember(basic);
    this.remember(encodeURIComponent(basic));
    // base64 without padding (some clients strip it).
    this.remember(basic.replace(/=+$/, ''));
  }

  /** A callback form of add(), for code that must not depend on the logger module. */
  readonly onSecret = (secret: string | undefined): void => {
    this.add(secret);
  };

  private remember(s: string): void {
    if (s.length < 4) return;
    this.secrets.add(s);
    // JSON output escapes quotes and backslashes: catch the escaped form.
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s) this.secrets.add(escaped);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    const all = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const s of all) {
      if (out.includes(s)) out = out.split(s).join('***');
    }
    return out.includes('…') ? redactCut(out, all) : out;
  }
}

/**
 * cleanText bounds outside text with an ellipsis; a remote answer that quotes a secret (an echoed
 * Authorization header) can be cut inside it, leaving its start, which no whole-secret match finds.
 * The start of a secret (4 characters or more) right before an ellipsis is redacted too.
 */
function redactCut(text: string, secrets: string[]): string {
  let out = '';
  let from = 0;
  for (let i = text.indexOf('…'); i >= 0; i = text.indexOf('…', i + 1)) {
    let cut = 0;
    for (const s of secrets) {
      for (let k = Math.min(s.length - 1, i - from); k >= 4 && k > cut; k--) {
        if (text.startsWith(s.slice(0, k), i - k)) {
          cut = k;
          break;
        }
      }
    }
    out += text.slice(from, i - cut) + (cut > 0 ? '***' : '');
    from = i;
  }
  return out + text.slice(from);
}

/**
 * What a logger writes: each line (our messages may hold several) cleaned with cleanText's rules,
 * without its length bound, so a string from outside that slipped through unclean still cannot
 * start a workflow command, a GitLab section, or move the terminal.
 */
export function safeLogText(message: string): string {
  return cleanLines(message);
}

export function redactingLogger(inner: Logger, redactor: Redactor): Logger {
  // Redact, clean, redact again: cleaning removes characters, which could join a secret's parts.
  const r = (m: string): string => redactor.redact(safeLogText(redactor.redact(m)));
  return {
    debug: (m) => {
      inner.debug(r(m));
    },
    info: (m) => {
      inner.info(r(m));
    },
    warn: (m) => {
      inner.warn(r(m));
    },
    error: (m) => {
      inner.error(r(m));
    },
  };
}

/**
 * A logger that goes quiet once closed: the adapters close it when the run's final word (the error
 * or the verdict) is out, so a request still sleeping before a retry that nobody awaits any more
 * cannot add a line after it.
 */
export function closableLogger(inner: Logger): Logger & { close(): void } {
  let open = true;
  return {
    debug: (m) => {
      if (open) inner.debug(m);
    },
    info: (m) => {
      if (open) inner.info(m);
    },
    warn: (m) => {
      if (open) inner.warn(m);
    },
    error: (m) => {
      if (open) inner.error(m);
    },
    close: () => {
      open = false;
    },
  };
}

/** Writes to stderr: debug only when enabled. Used by the CLI. */
export function streamLogger(opts: { debug: boolean; write?: (line: string) => void }): Logger {
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  return {
    debug: (m) => {
      if (opts.debug) write(`debug: ${safeLogText(m)}`);
    },
    info: (m) => {
      write(safeLogText(m));
    },
    warn: (m) => {
      write(`warning: ${safeLogText(m)}`);
    },
    error: (m) => {
      write(`error: ${safeLogText(m)}`);
    },
  };
}
