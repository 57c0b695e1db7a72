import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  cleanLines
} from "./chunk-6AKVQXYQ.mjs";

// src/logger.ts
var silentLogger = {
  debug: () => void 0,
  info: () => void 0,
  warn: () => void 0,
  error: () => void 0
};
var Redactor = class {
  secrets = /* @__PURE__ */ new Set();
  add(secret) {
    if (secret && secret.length >= 4) {
      this.remember(secret);
      this.remember(Buffer.from(secret).toString("base64"));
      this.remember(encodeURIComponent(secret));
    }
  }
  /**
   * A username and password: the password, and the Basic header form base64(`user:password`)
   * (also URL-encoded, as in a query or a form body). The username alone is not a secret.
   */
  addCredential(username, password) {
    if (!password) return;
    this.add(password);
    if (password.length < 4) return;
    const basic = Buffer.from(`${username ?? ""}:${password}`).toString("base64");
    this.remember(basic);
    this.remember(encodeURIComponent(basic));
    this.remember(basic.replace(/=+$/, ""));
  }
  /** A callback form of add(), for code that must not depend on the logger module. */
  onSecret = (secret) => {
    this.add(secret);
  };
  remember(s) {
    if (s.length < 4) return;
    this.secrets.add(s);
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s) this.secrets.add(escaped);
  }
  redact(text) {
    let out = text;
    const all = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const s of all) {
      if (out.includes(s)) out = out.split(s).join("***");
    }
    return out.includes("\u2026") ? redactCut(out, all) : out;
  }
};
function redactCut(text, secrets) {
  let out = "";
  let from = 0;
  for (let i = text.indexOf("\u2026"); i >= 0; i = text.indexOf("\u2026", i + 1)) {
    let cut = 0;
    for (const s of secrets) {
      for (let k = Math.min(s.length - 1, i - from); k >= 4 && k > cut; k--) {
        if (text.startsWith(s.slice(0, k), i - k)) {
          cut = k;
          break;
        }
      }
    }
    out += text.slice(from, i - cut) + (cut > 0 ? "***" : "");
    from = i;
  }
  return out + text.slice(from);
}
function safeLogText(message) {
  return cleanLines(message);
}
function redactingLogger(inner, redactor) {
  const r = (m) => redactor.redact(safeLogText(redactor.redact(m)));
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
    }
  };
}
function closableLogger(inner) {
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
    }
  };
}
function streamLogger(opts) {
  const write = opts.write ?? ((line) => process.stderr.write(line + "\n"));
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
    }
  };
}

export {
  silentLogger,
  Redactor,
  redactingLogger,
  closableLogger,
  streamLogger
};
