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
      this.secrets.add(secret);
      // Basic auth headers carry base64(user:pass); catch the encoded forms too.
      this.secrets.add(Buffer.from(secret).toString('base64'));
      // JSON output escapes quotes and backslashes: catch the escaped form.
      const escaped = JSON.stringify(secret).slice(1, -1);
      if (escaped !== secret) this.secrets.add(escaped);
    }
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) {
      if (out.includes(s)) out = out.split(s).join('***');
    }
    return out;
  }
}

export function redactingLogger(inner: Logger, redactor: Redactor): Logger {
  return {
    debug: (m) => {
      inner.debug(redactor.redact(m));
    },
    info: (m) => {
      inner.info(redactor.redact(m));
    },
    warn: (m) => {
      inner.warn(redactor.redact(m));
    },
    error: (m) => {
      inner.error(redactor.redact(m));
    },
  };
}

/** Writes to stderr: debug only when enabled. Used by the CLI. */
export function streamLogger(opts: { debug: boolean; write?: (line: string) => void }): Logger {
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  return {
    debug: (m) => {
      if (opts.debug) write(`debug: ${m}`);
    },
    info: (m) => {
      write(m);
    },
    warn: (m) => {
      write(`warning: ${m}`);
    },
    error: (m) => {
      write(`error: ${m}`);
    },
  };
}
