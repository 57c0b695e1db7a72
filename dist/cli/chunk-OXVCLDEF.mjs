import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  NO_RETRY,
  RETRYABLE_STATUS,
  backoffDelay,
  hostOf,
  isLoopbackHost,
  isRetryableNetworkError,
  parseJson,
  redactUrl,
  silentLogger,
  sleep
} from "./chunk-4EFK4II4.mjs";
import {
  GateError,
  describe,
  inputError
} from "./chunk-66ENAOTL.mjs";

// src/oci/registry.ts
import crypto3 from "node:crypto";
import { Readable as Readable2 } from "node:stream";

// src/oci/auth.ts
function parseChallenges(header) {
  const out = [];
  let i = 0;
  const n = header.length;
  const skipWs = () => {
    while (i < n && (header[i] === " " || header[i] === "	")) i++;
  };
  let current;
  while (i < n) {
    skipWs();
    if (header[i] === ",") {
      i++;
      continue;
    }
    const start = i;
    while (i < n && /[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(header[i] ?? "")) i++;
    const token = header.slice(start, i);
    if (token === "") {
      i++;
      continue;
    }
    skipWs();
    if (header[i] === "=" && current) {
      i++;
      skipWs();
      let value = "";
      if (header[i] === '"') {
        i++;
        while (i < n && header[i] !== '"') {
          if (header[i] === "\\" && i + 1 < n) i++;
          value += header.charAt(i);
          i++;
        }
        i++;
      } else {
        const vs = i;
        while (i < n && header[i] !== "," && header[i] !== " ") i++;
        value = header.slice(vs, i);
      }
      current.params[token.toLowerCase()] = value;
    } else if (header[i] === "=" && !current) {
      while (i < n && header[i] !== ",") i++;
    } else {
      current = { scheme: token.toLowerCase(), params: {} };
      out.push(current);
      const save = i;
      const t68 = /^[A-Za-z0-9._~+/-]+=*(?=\s*(,|$))/.exec(header.slice(i));
      if (t68 && !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+\s*=[^=]/.test(header.slice(i))) {
        current.params.token68 = t68[0];
        i = save + t68[0].length;
      }
    }
  }
  return out;
}
function repositoryScope(name, actions) {
  return `repository:${name}:${actions.join(",")}`;
}
function mergeScopes(...lists) {
  const order = [];
  const actions = /* @__PURE__ */ new Map();
  for (const list of lists) {
    for (const raw of list) {
      for (const scope of raw.split(" ").filter(Boolean)) {
        const last = scope.lastIndexOf(":");
        if (last <= 0) continue;
        const resource = scope.slice(0, last);
        const acts = scope.slice(last + 1).split(",").filter(Boolean);
        let have = actions.get(resource);
        if (!have) {
          have = [];
          actions.set(resource, have);
          order.push(resource);
        }
        for (const a of acts) if (!have.includes(a)) have.push(a);
      }
    }
  }
  return order.map((r) => `${r}:${(actions.get(r) ?? []).join(",")}`);
}
var TOKEN_MAX_BYTES = 1024 * 1024;
var Authenticator = class {
  http;
  credentials;
  logger;
  clientId;
  now;
  hosts = /* @__PURE__ */ new Map();
  tokens = /* @__PURE__ */ new Map();
  warnedRealms = /* @__PURE__ */ new Set();
  redactor;
  constructor(opts) {
    this.http = opts.http;
    this.credentials = opts.credentials;
    this.logger = opts.logger ?? silentLogger;
    this.clientId = opts.clientId ?? "harbor-gate";
    this.redactor = opts.redactor;
    this.now = opts.now ?? Date.now;
  }
  host(registry) {
    let s = this.hosts.get(registry);
    if (!s) {
      s = {};
      this.hosts.set(registry, s);
    }
    return s;
  }
  credentialFor(registry) {
    const s = this.host(registry);
    s.credential ??= this.credentials ? this.credentials(registry) : Promise.resolve(void 0);
    return s.credential;
  }
  /** Whether a challenge for this registry is known (so requests can be authorized up front). */
  knowsChallenge(registry) {
    return this.host(registry).challenge !== void 0;
  }
  /**
   * The Authorization header for a request with these scopes, from the known challenge (undefined
   * when none is known yet or the registry needs no auth).
   */
  async authorization(registry, scopes) {
    const s = this.host(registry);
    const cred = await this.credentialFor(registry);
    if (cred && "registryToken" in cred) return `Bearer ${cred.registryToken}`;
    const ch = s.challenge;
    if (!ch) return void 0;
    if (ch.scheme === "basic") return basicHeader(cred);
    if (ch.scheme === "bearer") {
      const token = await this.token(registry, ch, scopes, cred);
      return `Bearer ${token}`;
    }
    return void 0;
  }
  /**
   * Handle a 401: record the challenge, drop the cached token for these scopes (it expired or
   * lacked a scope) and return the header to retry with, or undefined if we cannot answer it.
   */
  async onUnauthorized(registry, wwwAuthenticate, scopes, hadAuthorization = true) {
    const challenges = parseChallenges(wwwAuthenticate ?? "");
    const ch = challenges.find((c) => c.scheme === "bearer") ?? challenges.find((c) => c.scheme === "basic");
    if (!ch) return void 0;
    const cred = await this.credentialFor(registry);
    if (ch.scheme === "basic") {
      this.host(registry).challenge = ch;
      const h = basicHeader(cred);
      return h ? { header: h, scopes } : void 0;
    }
    validateRealm(registry, ch.params.realm, this.logger, this.warnedRealms);
    const challenged = ch.params.scope ? ch.params.scope.split(" ").filter(Boolean) : [];
    const merged = mergeScopes(scopes, challenged);
    const prior = this.host(registry).challenge;
    this.host(registry).challenge = { scheme: "bearer", params: { ...ch.params } };
    if (prior && hadAuthorization) this.tokens.delete(this.cacheKey(registry, ch, merged));
    const token = await this.token(registry, ch, merged, cred);
    return { header: `Bearer ${token}`, scopes: merged };
  }
  cacheKey(registry, ch, scopes) {
    return [registry, ch.params.realm ?? "", ch.params.service ?? "", ...[...scopes].sort()].join("\n");
  }
  async token(registry, ch, scopes, cred) {
    const key = this.cacheKey(registry, ch, scopes);
    const cached = this.tokens.get(key);
    if (cached) {
      try {
        const t = await cached;
        if (t.expiresAt > this.now()) return t.token;
      } catch {
      }
      if (this.tokens.get(key) === cached) this.tokens.delete(key);
    }
    const p = this.fetchToken(registry, ch, scopes, cred);
    this.tokens.set(key, p);
    try {
      return (await p).token;
    } catch (e) {
      if (this.tokens.get(key) === p) this.tokens.delete(key);
      throw e;
    }
  }
  async fetchToken(registry, ch, scopes, cred) {
    const realm = validateRealm(registry, ch.params.realm, this.logger, this.warnedRealms);
    const service = ch.params.service;
    const started = this.now();
    if (cred && "identityToken" in cred) {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: cred.identityToken,
        client_id: this.clientId,
        ...service ? { service } : {}
      });
      if (scopes.length > 0) form.set("scope", scopes.join(" "));
      const res2 = await this.http.request({
        method: "POST",
        url: realm.toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: form.toString(),
        maxBytes: TOKEN_MAX_BYTES,
        maxRedirects: 0
      });
      if (res2.status !== 404 && res2.status !== 405) {
        return this.readToken(res2, registry, started);
      }
      this.logger.debug(`token endpoint ${redactUrl(realm.toString())} has no OAuth2 POST; using GET`);
    }
    const url = new URL(realm.toString());
    if (service) url.searchParams.set("service", service);
    for (const s of scopes) url.searchParams.append("scope", s);
    const headers = { Accept: "application/json" };
    const basic = cred && "identityToken" in cred ? basicHeader({ username: cred.username ?? "<token>", password: cred.identityToken }) : basicHeader(cred);
    if (basic) headers.Authorization = basic;
    const res = await this.http.request({
      method: "GET",
      url: url.toString(),
      headers,
      maxBytes: TOKEN_MAX_BYTES,
      maxRedirects: 0
    });
    return this.readToken(res, registry, started);
  }
  readToken(res, registry, started) {
    if (res.status === 401 || res.status === 403) {
      throw new GateError({
        code: "AUTH_FAILED",
        message: `the token service ${hostOf(res.url)} refused the credentials for ${registry} (HTTP ${res.status})`,
        remedy: "Check the user name and password (robot accounts look like robot$project+name; quote the $ in shells) and that the account may access the repository.",
        kind: "input",
        details: { registry, status: res.status }
      });
    }
    if (res.status < 200 || res.status >= 300) {
      throw new GateError({
        code: "AUTH_TOKEN_FAILED",
        message: `the token service ${hostOf(res.url)} for ${registry} answered HTTP ${res.status}`,
        remedy: "Check that the registry and its token service are up, then run again.",
        kind: "infra",
        details: { registry, status: res.status }
      });
    }
    const body = parseJson(res, "the token response");
    const token = typeof body.token === "string" && body.token !== "" ? body.token : typeof body.access_token === "string" ? body.access_token : "";
    if (token === "") {
      throw new GateError({
        code: "AUTH_TOKEN_FAILED",
        message: `the token response from ${hostOf(res.url)} carries no token`,
        remedy: "Check that the registry's token realm points at a Docker-compatible token service.",
        kind: "infra"
      });
    }
    const expiresIn = typeof body.expires_in === "number" && Number.isFinite(body.expires_in) && body.expires_in > 0 ? body.expires_in : 60;
    const margin = Math.min(10, expiresIn / 5) * 1e3;
    this.redactor?.add(token);
    return { token, expiresAt: started + expiresIn * 1e3 - margin };
  }
};
function basicHeader(cred) {
  if (!cred || !("password" in cred)) return void 0;
  return `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString("base64")}`;
}
function validateRealm(registry, realm, logger = silentLogger, warned) {
  let url;
  try {
    if (!realm) throw new Error("no realm");
    url = new URL(realm);
  } catch (e) {
    throw new GateError({
      code: "AUTH_BAD_REALM",
      message: `${registry} sent a Bearer challenge without a valid realm URL (${describe(e)})`,
      remedy: "The registry is misconfigured: its token realm must be an absolute https URL.",
      kind: "infra",
      cause: e
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw inputError(
      "AUTH_BAD_REALM",
      `${registry} sent a token realm with the scheme ${url.protocol} (only http and https are allowed)`,
      "Refusing to send credentials there. Fix the registry's auth.token.realm setting."
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw inputError(
      "AUTH_BAD_REALM",
      `${registry} sent a plain-http token realm (${url.host}); credentials would travel unencrypted`,
      "Configure the registry with an https token realm (Harbor: set external_url to https)."
    );
  }
  const registryHost = registry.toLowerCase();
  if (url.host.toLowerCase() !== registryHost && !(warned?.has(url.host) ?? false)) {
    warned?.add(url.host);
    logger.warn(
      `${registry} asks for tokens from another host (${url.host}); credentials for ${registry} are sent there`
    );
  }
  return url;
}

// src/oci/reference.ts
var DOCKER_HUB_DISPLAY = "docker.io";
var DOCKER_HUB_REGISTRY = "registry-1.docker.io";
var DOCKER_HUB_ALIASES = /* @__PURE__ */ new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);
var COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
var NAME_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
var TAG_RE = /^[\w][\w.-]{0,127}$/;
var DIGEST_SHAPE_RE = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
var HOST_LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var HOST_RE = new RegExp(`^(?:${HOST_LABEL}(?:\\.${HOST_LABEL})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?$`);
var MAX_NAME_LENGTH = 255;
var REMEDY = "Write the image as host[:port]/project/repository[:tag][@sha256:<64 hex>], e.g. registry.example.com/proj/app:1.2.3; the repository path is lower case.";
function bad(s, why) {
  throw inputError("REF_INVALID", `invalid image reference ${JSON.stringify(s)}: ${why}`, REMEDY);
}
function isValidDigest(d) {
  if (!DIGEST_SHAPE_RE.test(d)) return false;
  const [alg, enc] = d.split(":", 2);
  if (alg === "sha256") return /^[a-f0-9]{64}$/.test(enc);
  if (alg === "sha512") return /^[a-f0-9]{128}$/.test(enc);
  return true;
}
function makeReference(init) {
  const hub = DOCKER_HUB_ALIASES.has(init.registry);
  const registry = hub ? DOCKER_HUB_REGISTRY : init.registry;
  const displayRegistry = hub ? DOCKER_HUB_DISPLAY : init.registry;
  const ref = {
    registry,
    displayRegistry,
    repository: init.repository,
    ...init.tag !== void 0 ? { tag: init.tag } : {},
    ...init.digest !== void 0 ? { digest: init.digest } : {},
    toString() {
      return `${displayRegistry}/${init.repository}${init.tag !== void 0 ? ":" + init.tag : ""}${init.digest !== void 0 ? "@" + init.digest : ""}`;
    }
  };
  return ref;
}
function parseReference(s) {
  const input = s.trim();
  if (input === "") bad(s, "it is empty");
  if (/\s/.test(input)) bad(s, "it contains white space");
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    bad(s, "it starts with a URL scheme; give the registry host without http:// or https://");
  }
  let rest = input;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isValidDigest(digest)) {
      bad(
        s,
        `the digest ${JSON.stringify(digest)} is not algorithm:hex (sha256 needs 64 lower-case hex digits)`
      );
    }
  }
  let registry;
  let remainder;
  const slash = rest.indexOf("/");
  const first = slash >= 0 ? rest.slice(0, slash) : "";
  if (slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost" || first.startsWith("["))) {
    registry = first;
    remainder = rest.slice(slash + 1);
    if (!HOST_RE.test(registry))
      bad(s, `the registry host ${JSON.stringify(registry)} is not a valid host[:port]`);
    const port = /:(\d+)$/.exec(registry)?.[1];
    if (port !== void 0 && (Number(port) < 1 || Number(port) > 65535))
      bad(s, `the port ${port} is out of range`);
  } else {
    registry = DOCKER_HUB_DISPLAY;
    remainder = rest;
  }
  let tag;
  const colon = remainder.lastIndexOf(":");
  if (colon >= 0) {
    tag = remainder.slice(colon + 1);
    remainder = remainder.slice(0, colon);
    if (!TAG_RE.test(tag)) {
      bad(s, `the tag ${JSON.stringify(tag)} must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`);
    }
  }
  if (remainder === "") bad(s, "the repository name is missing");
  if (remainder !== remainder.toLowerCase())
    bad(s, `the repository ${JSON.stringify(remainder)} has upper-case letters`);
  if (!NAME_RE.test(remainder)) {
    bad(
      s,
      `the repository ${JSON.stringify(remainder)} must be lower-case components of [a-z0-9] separated by '/', joined inside by '.', '_', '__' or '-'`
    );
  }
  let repository = remainder;
  if (DOCKER_HUB_ALIASES.has(registry) && !repository.includes("/")) repository = `library/${repository}`;
  if (registry.length + 1 + repository.length > MAX_NAME_LENGTH) {
    bad(s, `host and repository together are longer than ${MAX_NAME_LENGTH} characters`);
  }
  return makeReference({
    registry,
    repository,
    ...tag !== void 0 ? { tag } : {},
    ...digest !== void 0 ? { digest } : {}
  });
}
function parseRepositoryName(s) {
  if (!NAME_RE.test(s)) {
    bad(s, "a repository path is lower-case components of [a-z0-9] separated by '/'");
  }
  return s;
}

// src/oci/types.ts
var MediaType = {
  OciManifest: "application/vnd.oci.image.manifest.v1+json",
  OciIndex: "application/vnd.oci.image.index.v1+json",
  OciConfig: "application/vnd.oci.image.config.v1+json",
  OciLayer: "application/vnd.oci.image.layer.v1.tar",
  OciLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  OciLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
  OciEmpty: "application/vnd.oci.empty.v1+json",
  DockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  DockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  DockerConfig: "application/vnd.docker.container.image.v1+json",
  DockerLayer: "application/vnd.docker.image.rootfs.diff.tar",
  DockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  DockerForeignLayerGzip: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
};
var MANIFEST_ACCEPT = [
  MediaType.OciIndex,
  MediaType.OciManifest,
  MediaType.DockerManifestList,
  MediaType.DockerManifest
].join(", ");
var INDEX_MEDIA_TYPES = /* @__PURE__ */ new Set([
  MediaType.OciIndex,
  MediaType.DockerManifestList
]);
var MANIFEST_MEDIA_TYPES = /* @__PURE__ */ new Set([
  MediaType.OciManifest,
  MediaType.DockerManifest
]);
var EMPTY_JSON = Buffer.from("{}");
var EMPTY_JSON_DIGEST = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
var SHA256_RE = /^sha256:[a-f0-9]{64}$/;

// src/oci/upload.ts
import crypto2 from "node:crypto";
import fsp from "node:fs/promises";
import { Readable } from "node:stream";

// src/oci/verify.ts
import crypto from "node:crypto";
import { Transform } from "node:stream";
function algorithmOf(digest) {
  const alg = digest.slice(0, digest.indexOf(":"));
  if (alg !== "sha256" && alg !== "sha512") {
    throw inputError(
      "DIGEST_UNSUPPORTED",
      `the digest algorithm of ${digest} is not supported (sha256 and sha512 are)`,
      "Use sha256 digests."
    );
  }
  return alg;
}
function digestMismatch(what, want, got, size) {
  const sizeText = size && size.want !== size.got ? `, ${size.got} bytes instead of ${size.want}` : "";
  return new GateError({
    code: "BLOB_DIGEST_MISMATCH",
    message: `${what}: the content does not match its descriptor (want ${want}, got ${got}${sizeText})`,
    remedy: "The image source is corrupt or was changed while pushing: rebuild or re-export the image and push again. Nothing after this blob was written.",
    kind: "input",
    details: { want, got, ...size ? { wantSize: size.want, gotSize: size.got } : {} }
  });
}
var VerifyingStream = class extends Transform {
  constructor(expected, what, onBytes) {
    super();
    this.expected = expected;
    this.what = what;
    this.onBytes = onBytes;
    this.hash = crypto.createHash(algorithmOf(expected.digest));
  }
  expected;
  what;
  onBytes;
  hash;
  held;
  count = 0;
  failure;
  _transform(chunk, _enc, cb) {
    this.count += chunk.length;
    if (this.count > this.expected.size) {
      this.failure = digestMismatch(this.what, this.expected.digest, "(more bytes than the size)", {
        want: this.expected.size,
        got: this.count
      });
      cb(this.failure);
      return;
    }
    this.hash.update(chunk);
    const prev = this.held;
    this.held = chunk;
    if (prev) {
      this.onBytes?.(prev.length);
      cb(null, prev);
    } else cb();
  }
  _flush(cb) {
    const got = `${algorithmOf(this.expected.digest)}:${this.hash.digest("hex")}`;
    if (got !== this.expected.digest || this.count !== this.expected.size) {
      this.failure = digestMismatch(this.what, this.expected.digest, got, {
        want: this.expected.size,
        got: this.count
      });
      cb(this.failure);
      return;
    }
    if (this.held) {
      this.onBytes?.(this.held.length);
      this.push(this.held);
      this.held = void 0;
    }
    cb();
  }
};

// src/oci/upload.ts
var CHUNK = 1024 * 1024;
var FileUploadBody = class extends Readable {
  constructor(range, expected, what, onBytes) {
    super();
    this.range = range;
    this.expected = expected;
    this.what = what;
    this.onBytes = onBytes;
  }
  range;
  expected;
  what;
  onBytes;
  /** Set when the bytes do not match the descriptor; the request is then never completed. */
  failure;
  /** Set when the file cannot be read. */
  sourceError;
  /** True once pipe() took the fast path (tests). */
  piped = false;
  _read() {
    this.destroy(new Error("FileUploadBody must be piped into an HTTP request"));
  }
  pipe(dest) {
    this.piped = true;
    void this.pump(dest);
    return dest;
  }
  async pump(req) {
    const request = { gone: false };
    const onGone = () => {
      request.gone = true;
    };
    req.once("close", onGone);
    req.once("error", onGone);
    let file;
    try {
      file = await fsp.open(this.range.path, "r");
      const size = this.range.size ?? (await file.stat()).size - this.range.offset;
      const want = this.expected.size;
      if (size > want) {
        throw digestMismatch(this.what, this.expected.digest, "(more bytes than the size)", {
          want,
          got: size
        });
      }
      const hash = crypto2.createHash(algorithmOf(this.expected.digest));
      if (size === 0) this.check(hash, 0);
      const length = Math.min(CHUNK, size);
      const buffers = [Buffer.allocUnsafeSlow(length), Buffer.allocUnsafeSlow(length)];
      let inFlight = Promise.resolve(true);
      for (let pos = 0, i = 0; pos < size; i++) {
        const buf = buffers[i % 2];
        const { bytesRead } = await file.read(buf, 0, Math.min(length, size - pos), this.range.offset + pos);
        if (bytesRead === 0) this.check(hash, pos);
        const chunk = bytesRead === length ? buf : buf.subarray(0, bytesRead);
        hash.update(chunk);
        pos += bytesRead;
        if (pos === size) this.check(hash, pos);
        if (!await inFlight || request.gone) return;
        inFlight = writeChunk(req, chunk, this.onBytes);
      }
      if (!await inFlight || request.gone) return;
      req.end();
      this.push(null);
      this.resume();
    } catch (e) {
      if (this.failure === void 0) this.sourceError = e;
      this.destroy(e);
    } finally {
      req.off("close", onGone);
      req.off("error", onGone);
      await file?.close().catch(() => void 0);
    }
  }
  /** Throws (and records) a mismatch once every byte has been hashed. */
  check(hash, count) {
    const got = `${algorithmOf(this.expected.digest)}:${hash.digest("hex")}`;
    if (got !== this.expected.digest || count !== this.expected.size) {
      this.failure = digestMismatch(this.what, this.expected.digest, got, {
        want: this.expected.size,
        got: count
      });
      throw this.failure;
    }
  }
};
function writeChunk(req, chunk, onBytes) {
  return new Promise((resolve) => {
    if (req.destroyed || req.writableEnded) {
      resolve(false);
      return;
    }
    const done = () => {
      req.off("close", gone);
      onBytes?.(chunk.length);
      resolve(true);
    };
    const gone = () => {
      resolve(false);
    };
    req.once("close", gone);
    req.write(chunk, (err) => {
      if (err) {
        req.off("close", gone);
        resolve(false);
      } else done();
    });
  });
}

// src/oci/registry.ts
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
var DEFAULT_BLOB_FETCH_LIMIT = 64 * 1024 * 1024;
var MANIFEST_BLOB_RETRY_MS = [250, 1e3];
var MAX_ERROR_BODY = 64 * 1024;
var MAX_TAG_PAGES = 1e3;
var MAX_TAGS = 1e6;
function parseRegistryErrors(body) {
  if (body.length === 0 || body.length > MAX_ERROR_BODY) return [];
  try {
    const parsed = JSON.parse(body.toString("utf8"));
    if (!Array.isArray(parsed.errors)) return [];
    return parsed.errors.filter((e) => typeof e === "object" && e !== null).map((e) => ({
      code: typeof e.code === "string" ? e.code : "",
      message: typeof e.message === "string" ? e.message : ""
    }));
  } catch {
    return [];
  }
}
function digestOf(bytes, algorithm = "sha256") {
  return `${algorithm}:${crypto3.createHash(algorithm).update(bytes).digest("hex")}`;
}
function isGate(e) {
  return e instanceof GateError;
}
async function registryScheme(http, registry, logger = silentLogger) {
  if (!isLoopbackHost(registry.replace(/:\d+$/, ""))) return "https";
  try {
    await http.request({
      method: "GET",
      url: `https://${registry}/v2/`,
      retry: NO_RETRY,
      response: "discard",
      maxRedirects: 0,
      timeoutMs: 1e4
    });
    logger.debug(`${registry} speaks HTTPS`);
    return "https";
  } catch (e) {
    if (isGate(e) && e.code === "TLS_UNTRUSTED") return "https";
    logger.debug(`${registry}: no TLS (${describe(e)}); using plain HTTP on loopback`);
    return "http";
  }
}
var RegistryClient = class {
  http;
  auth;
  logger;
  plainHttp;
  sleep;
  constructor(opts) {
    this.http = opts.http;
    this.logger = opts.logger ?? silentLogger;
    this.plainHttp = opts.plainHttp ?? false;
    this.auth = new Authenticator({
      http: opts.http,
      ...opts.credentials ? { credentials: opts.credentials } : {},
      ...opts.redactor ? { redactor: opts.redactor } : {},
      logger: this.logger
    });
    this.sleep = opts.sleep ?? ((ms) => sleep(ms));
  }
  /** Each registry's scheme, once registryScheme has settled it (loopback hosts are probed). */
  schemes = /* @__PURE__ */ new Map();
  resolvedSchemes = /* @__PURE__ */ new Map();
  /**
   * `https://`, or `http://` with plainHttp; a loopback host is `http://` until resolveScheme found
   * that it speaks TLS.
   */
  baseUrl(registry) {
    const loopback = isLoopbackHost(registry.replace(/:\d+$/, ""));
    const scheme = this.plainHttp ? "http" : this.resolvedSchemes.get(registry) ?? (loopback ? "http" : "https");
    return `${scheme}://${registry}`;
  }
  /** Settle the registry's scheme (see registryScheme), once per registry. */
  async resolveScheme(registry) {
    if (this.plainHttp) return;
    let pending = this.schemes.get(registry);
    if (!pending) {
      pending = registryScheme(this.http, registry, this.logger);
      this.schemes.set(registry, pending);
    }
    this.resolvedSchemes.set(registry, await pending);
  }
  repository(registry, name) {
    return new Repository(this, registry, name);
  }
  /** Close the keep-alive pool. */
  close() {
    this.http.close();
  }
};
var Repository = class {
  constructor(client, registry, name) {
    this.client = client;
    this.registry = registry;
    this.name = name;
  }
  client;
  registry;
  name;
  /** `scheme://registry`; for loopback registries, settled by the first request. */
  get base() {
    return this.client.baseUrl(this.registry);
  }
  get origin() {
    return new URL(this.base).origin;
  }
  get logger() {
    return this.client.logger;
  }
  /** The URL of `/v2/<name>/<path>`. */
  url(path, query) {
    const u = /^https?:\/\//.test(path) ? new URL(path) : new URL(`${this.base}/v2/${this.name}/${path}`);
    for (const [k, v] of Object.entries(query ?? {})) {
      for (const item of Array.isArray(v) ? v : [v]) u.searchParams.append(k, item);
    }
    return u.toString();
  }
  /** An authenticated request: answers one 401 challenge (Basic or Bearer) and retries once. */
  async request(req) {
    await this.client.resolveScheme(this.registry);
    const url = this.url(req.path, req.query);
    const sameOrigin = new URL(url).origin === this.origin;
    const scopes = [
      repositoryScope(this.name, req.push ? ["pull", "push"] : ["pull"]),
      ...req.scopes ?? []
    ];
    const send = async (authorization) => {
      const headers = { ...req.headers ?? {} };
      if (authorization && sameOrigin) headers.Authorization = authorization;
      return this.client.http.request({
        method: req.method,
        url,
        headers,
        ...req.body !== void 0 ? { body: req.body } : {},
        response: req.response ?? "buffer",
        ...req.maxBytes !== void 0 ? { maxBytes: req.maxBytes } : {},
        ...req.maxRedirects !== void 0 ? { maxRedirects: req.maxRedirects } : {},
        ...req.noRetry ? { retry: NO_RETRY } : req.retry ? { retry: req.retry } : {}
      });
    };
    const auth = sameOrigin ? await this.client.auth.authorization(this.registry, scopes) : void 0;
    const res = await send(auth);
    if (res.status !== 401 || !sameOrigin) return res;
    const answer = await this.client.auth.onUnauthorized(
      this.registry,
      res.headers["www-authenticate"],
      scopes,
      auth !== void 0
    );
    if (!answer) return res;
    if (answer.header === auth) return res;
    res.stream?.destroy();
    this.logger.debug(`${req.method} ${redactUrl(url)}: answered the auth challenge`);
    return send(answer.header);
  }
  /** Turn a non-2xx answer into a GateError naming what we were doing. */
  error(res, what) {
    res.stream?.destroy();
    const errs = parseRegistryErrors(res.body);
    const codes = errs.map((e) => e.code).filter(Boolean);
    const detail = errs.length > 0 ? `: ${errs.map((e) => `${e.code} ${e.message}`.trim()).join("; ")}` : "";
    const where = `${this.registry}/${this.name}`;
    const details = { registry: this.registry, repository: this.name, status: res.status, codes };
    if (res.status === 401) {
      return new GateError({
        code: "REGISTRY_UNAUTHORIZED",
        message: `${what} on ${where} was refused: not authenticated (HTTP 401${detail})`,
        remedy: "Give credentials: --username with HARBOR_GATE_PASSWORD or --password-stdin, the GitLab CI variables, or docker login. A Harbor robot account needs push rights on the project.",
        kind: "input",
        details
      });
    }
    if (res.status === 403 || codes.includes("DENIED")) {
      return new GateError({
        code: "REGISTRY_DENIED",
        message: `${what} on ${where} was denied (HTTP ${res.status}${detail})`,
        remedy: "The account may not do this: grant it push (and pull) on the repository or project, or check tag immutability and retention rules.",
        kind: "input",
        details
      });
    }
    if (res.status === 404 && codes.includes("NAME_UNKNOWN")) {
      return new GateError({
        code: "REGISTRY_NAME_UNKNOWN",
        message: `${where} does not exist (${what}: HTTP 404${detail})`,
        remedy: "Create the repository or project first (Harbor: create the project), or fix --image.",
        kind: "input",
        details
      });
    }
    if (res.status === 429 || res.status >= 500) {
      return new GateError({
        code: "REGISTRY_UNAVAILABLE",
        message: `${what} on ${where} failed with HTTP ${res.status}${detail}, after retries`,
        remedy: "The registry is overloaded or failing; wait and run again, or check its logs.",
        kind: "infra",
        details
      });
    }
    return new GateError({
      code: "REGISTRY_REJECTED",
      message: `${what} on ${where} was rejected (HTTP ${res.status}${detail})`,
      remedy: "Check the image reference and the content pushed; run with --debug for the request sequence.",
      kind: "input",
      details
    });
  }
  /** HEAD a blob: its descriptor when present, undefined on 404. */
  async blobExists(digest) {
    checkDigest(digest);
    const res = await this.request({ method: "HEAD", path: `blobs/${digest}` });
    if (res.status === 404) return void 0;
    if (res.status !== 200) throw this.error(res, `HEAD blob ${digest}`);
    const got = res.headers["docker-content-digest"];
    if (got && got !== digest) {
      throw new GateError({
        code: "REGISTRY_BAD_RESPONSE",
        message: `${this.registry} answered HEAD ${digest} with the digest ${got}`,
        remedy: "The registry or a proxy in front of it is misbehaving; check its configuration.",
        kind: "infra"
      });
    }
    const size = Number(res.headers["content-length"] ?? NaN);
    return {
      mediaType: res.headers["content-type"] ?? "application/octet-stream",
      digest,
      size: Number.isFinite(size) ? size : -1
    };
  }
  /** POST an upload session (optionally trying a mount). */
  /**
   * POST an upload session (trying a mount first when asked), retried under `retry`. Returns how
   * many of those retries it used, so the caller can charge them to the blob's budget.
   */
  async startUpload(digest, mountFrom, retry) {
    let used = 0;
    if (mountFrom && mountFrom !== this.name) {
      try {
        const res2 = await this.request({
          method: "POST",
          path: "blobs/uploads/",
          query: { mount: digest, from: mountFrom },
          push: true,
          scopes: [repositoryScope(mountFrom, ["pull"])],
          response: "discard",
          maxRedirects: 0,
          retry
        });
        used = res2.retries;
        if (res2.status === 201) return { mounted: true, retries: used };
        if (res2.status === 202 && res2.headers.location) {
          return {
            mounted: false,
            location: this.uploadLocation(res2.headers.location, res2.url),
            retries: used
          };
        }
        this.logger.debug(
          `mount of ${digest} from ${mountFrom} answered HTTP ${res2.status}; uploading instead`
        );
      } catch (e) {
        this.logger.debug(`mount of ${digest} from ${mountFrom} failed (${describe(e)}); uploading instead`);
      }
    }
    const res = await this.request({
      method: "POST",
      path: "blobs/uploads/",
      push: true,
      maxBytes: MAX_ERROR_BODY,
      retry: { ...retry, maxRetries: Math.max(0, retry.maxRetries - used) }
    });
    if (res.status !== 202 || !res.headers.location) {
      throw this.error(res, `start upload of ${digest}`);
    }
    return {
      mounted: false,
      location: this.uploadLocation(res.headers.location, res.url),
      retries: used + res.retries
    };
  }
  /**
   * The upload URL a registry answered. Plain http from a registry reached over https is refused:
   * the bytes would go unencrypted, and it is nearly always a TLS-terminating proxy that does not
   * tell the registry the original scheme.
   */
  uploadLocation(location, requestUrl) {
    const u = new URL(location, requestUrl);
    if (u.protocol === "http:" && new URL(requestUrl).protocol === "https:") {
      throw new GateError({
        code: "REGISTRY_INSECURE_UPLOAD",
        message: `${this.registry} is reached over https but answered an upload URL on plain http (${redactUrl(u.toString())})`,
        remedy: "A TLS-terminating proxy or load balancer in front of the registry must pass X-Forwarded-Proto: https (for Harbor, set external_url to the https URL); then run again. Nothing was uploaded.",
        kind: "input"
      });
    }
    return u.toString();
  }
  /**
   * Push a blob: POST (mount first when asked), then one streaming PUT of `open()` with the digest
   * and size verified on the way. Each retry starts a fresh upload session. A content mismatch
   * throws BLOB_DIGEST_MISMATCH and is never retried.
   */
  async pushBlob(desc, open, opts = {}) {
    checkDigest(desc.digest);
    algorithmOf(desc.digest);
    const policy = this.client.http.retry;
    let left = policy.maxRetries;
    for (let attempt = 0; ; attempt++) {
      const session = await this.startUpload(desc.digest, attempt === 0 ? opts.mountFrom : void 0, {
        ...policy,
        maxRetries: left
      });
      left -= session.retries;
      if (session.mounted) return { uploaded: false, mounted: true };
      let progressed = 0;
      const onBytes = opts.onProgress ? (n) => {
        progressed += n;
        opts.onProgress?.(n);
      } : void 0;
      try {
        await this.putBlob(session.location, desc, open, onBytes, opts.file);
        return { uploaded: true, mounted: false };
      } catch (e) {
        if (progressed > 0) opts.onProgress?.(-progressed);
        const retryable = !(isGate(e) && e.code === "BLOB_DIGEST_MISMATCH") && !(isGate(e) && e.code === "BLOB_READ_FAILED") && (isGate(e) && e.code === "REGISTRY_UNAVAILABLE" || isGate(e) && e.code === "HTTP_NETWORK" || !isGate(e) && isRetryableNetworkError(e) || isGate(e) && e.code === "BLOB_UPLOAD_RETRY");
        if (!retryable || left <= 0) {
          if (isGate(e) && e.code === "BLOB_UPLOAD_RETRY") throw e.cause instanceof GateError ? e.cause : e;
          throw e;
        }
        left--;
        const delay = backoffDelay(policy, policy.maxRetries - left);
        this.logger.debug(`upload of ${desc.digest} failed (${describe(e)}); new session in ${delay} ms`);
        await this.client.sleep(delay);
      }
    }
  }
  async putBlob(location, desc, open, onBytes, file) {
    const u = new URL(location);
    u.searchParams.set("digest", desc.digest);
    let verifier;
    let sourceError;
    const what = `blob ${desc.digest}`;
    const body = () => {
      if (file) {
        const b = new FileUploadBody(file, desc, what, onBytes);
        verifier = b;
        b.on("error", () => {
          sourceError = b.sourceError;
        });
        return b;
      }
      const src = open();
      const v = new VerifyingStream(desc, what, onBytes);
      verifier = v;
      src.on("error", (e) => {
        sourceError = e;
        v.destroy(e);
      });
      v.on("close", () => {
        if (!src.destroyed) src.destroy();
      });
      return src.pipe(v);
    };
    let res;
    try {
      res = await this.request({
        method: "PUT",
        path: u.toString(),
        headers: { "Content-Type": "application/octet-stream", "Content-Length": String(desc.size) },
        body,
        push: true,
        noRetry: true,
        maxBytes: MAX_ERROR_BODY
      });
    } catch (e) {
      this.cancelUpload(location);
      if (verifier?.failure) throw verifier.failure;
      if (sourceError !== void 0) throw readFailed(desc.digest, sourceError);
      throw e;
    }
    if (verifier?.failure) throw verifier.failure;
    if (sourceError !== void 0) throw readFailed(desc.digest, sourceError);
    if (res.status === 201 || res.status === 204 || res.status === 200) {
      const got = res.headers["docker-content-digest"];
      if (got && got !== desc.digest) {
        throw new GateError({
          code: "REGISTRY_BAD_RESPONSE",
          message: `${this.registry} stored ${desc.digest} under the digest ${got}`,
          remedy: "The registry or a proxy in front of it altered the upload; check its configuration.",
          kind: "infra"
        });
      }
      return;
    }
    const err = this.error(res, `upload of ${desc.digest}`);
    if (RETRYABLE_STATUS.has(res.status) || res.status === 404) {
      throw new GateError({
        code: "BLOB_UPLOAD_RETRY",
        message: err.message,
        remedy: err.remedy,
        kind: "infra",
        cause: err
      });
    }
    throw err;
  }
  cancelUpload(location) {
    this.request({ method: "DELETE", path: location, push: true, response: "discard", noRetry: true }).catch(
      () => void 0
    );
  }
  /** Upload bytes held in memory (configs, SBOMs); skips when present. */
  async pushBlobBytes(bytes, mediaType) {
    const desc = { mediaType, digest: digestOf(bytes), size: bytes.length };
    if (await this.blobExists(desc.digest)) return desc;
    await this.pushBlob(desc, () => Readable2.from([bytes]));
    return desc;
  }
  /** GET a blob into memory (at most maxBytes), verified against the descriptor. */
  async fetchBlob(desc, maxBytes = DEFAULT_BLOB_FETCH_LIMIT) {
    checkDigest(desc.digest);
    if (desc.size > maxBytes) {
      throw new GateError({
        code: "BLOB_TOO_LARGE",
        message: `blob ${desc.digest} is ${desc.size} bytes, over the ${maxBytes} byte limit for reading it into memory`,
        remedy: "The descriptor points at an unexpectedly large blob; check the artifact.",
        kind: "input"
      });
    }
    const res = await this.request({
      method: "GET",
      path: `blobs/${desc.digest}`,
      maxBytes: Math.max(desc.size, 0) + 1
    });
    if (res.status === 404) {
      throw new GateError({
        code: "BLOB_NOT_FOUND",
        message: `blob ${desc.digest} is not in ${this.registry}/${this.name}`,
        remedy: "Push the image (with its blobs) again.",
        kind: "input"
      });
    }
    if (res.status !== 200) throw this.error(res, `GET blob ${desc.digest}`);
    const got = digestOf(res.body, algorithmOf(desc.digest));
    if (got !== desc.digest || res.body.length !== desc.size) {
      throw digestMismatch(`blob ${desc.digest} from ${this.registry}`, desc.digest, got, {
        want: desc.size,
        got: res.body.length
      });
    }
    return res.body;
  }
  /** A stream of a blob, verified as it is read (the stream errors on a mismatch). */
  async openBlob(desc) {
    checkDigest(desc.digest);
    const res = await this.request({ method: "GET", path: `blobs/${desc.digest}`, response: "stream" });
    if (res.status === 404) {
      res.stream?.destroy();
      throw new GateError({
        code: "BLOB_NOT_FOUND",
        message: `blob ${desc.digest} is not in ${this.registry}/${this.name}`,
        remedy: "Push the image (with its blobs) again.",
        kind: "input"
      });
    }
    if (res.status !== 200 || !res.stream) {
      const body = res.stream ? await readSmall(res.stream) : res.body;
      throw this.error({ ...res, body, stream: void 0 }, `GET blob ${desc.digest}`);
    }
    const v = new VerifyingStream(desc, `blob ${desc.digest} from ${this.registry}`);
    const src = res.stream;
    src.on("error", (e) => v.destroy(e));
    v.on("close", () => {
      if (!src.destroyed) src.destroy();
    });
    return src.pipe(v);
  }
  /** HEAD a manifest by tag or digest (GET when the HEAD lacks a digest). Undefined on 404. */
  async resolve(reference) {
    const res = await this.request({
      method: "HEAD",
      path: `manifests/${reference}`,
      headers: { Accept: MANIFEST_ACCEPT }
    });
    if (res.status === 404) return void 0;
    if (res.status === 200) {
      const digest = res.headers["docker-content-digest"];
      const size = Number(res.headers["content-length"] ?? NaN);
      const mediaType = (res.headers["content-type"] ?? "").split(";")[0]?.trim() ?? "";
      if (digest && isValidDigest(digest) && Number.isFinite(size) && mediaType) {
        if (reference.includes(":") && digest !== reference) {
          throw new GateError({
            code: "REGISTRY_BAD_RESPONSE",
            message: `${this.registry} answered HEAD manifest ${reference} with the digest ${digest}`,
            remedy: "The registry or a proxy in front of it is misbehaving; check its configuration.",
            kind: "infra"
          });
        }
        return { mediaType, digest, size };
      }
    } else if (res.status !== 405 && res.status !== 400) {
      throw this.error(res, `HEAD manifest ${reference}`);
    }
    const m = await this.fetchManifest(reference);
    return m?.descriptor;
  }
  /** GET a manifest (≤ 4 MiB). Undefined on 404; verified against the digest when asked by digest. */
  async fetchManifest(reference, accept = MANIFEST_ACCEPT) {
    const byDigest = reference.includes(":");
    if (byDigest) checkDigest(reference);
    const res = await this.request({
      method: "GET",
      path: `manifests/${reference}`,
      headers: { Accept: accept },
      maxBytes: MAX_MANIFEST_BYTES
    });
    if (res.status === 404) return void 0;
    if (res.status !== 200) throw this.error(res, `GET manifest ${reference}`);
    const bytes = res.body;
    const digest = digestOf(bytes, byDigest ? algorithmOf(reference) : "sha256");
    if (byDigest && digest !== reference) {
      throw digestMismatch(`manifest ${reference} from ${this.registry}`, reference, digest);
    }
    const headerDigest = res.headers["docker-content-digest"];
    if (!byDigest && headerDigest && headerDigest.startsWith("sha256:") && headerDigest !== digest) {
      throw digestMismatch(`manifest ${reference} from ${this.registry}`, headerDigest, digest);
    }
    let mediaType = (res.headers["content-type"] ?? "").split(";")[0]?.trim() ?? "";
    try {
      const parsed = JSON.parse(bytes.toString("utf8"));
      if (typeof parsed.mediaType === "string" && parsed.mediaType) mediaType = parsed.mediaType;
    } catch (e) {
      throw new GateError({
        code: "MANIFEST_INVALID",
        message: `manifest ${reference} from ${this.registry}/${this.name} is not JSON`,
        remedy: "The registry returned something that is not a manifest; check the reference.",
        kind: "infra",
        cause: e
      });
    }
    return { descriptor: { mediaType, digest, size: bytes.length }, bytes };
  }
  /** PUT a manifest's exact bytes by tag or digest. */
  async pushManifest(reference, bytes, mediaType) {
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw new GateError({
        code: "MANIFEST_TOO_LARGE",
        message: `the manifest is ${bytes.length} bytes; registries accept at most ${MAX_MANIFEST_BYTES}`,
        remedy: "Reduce the number of layers, platforms or annotations.",
        kind: "input"
      });
    }
    const digest = digestOf(bytes);
    if (reference.includes(":")) {
      checkDigest(reference);
      const want = digestOf(bytes, algorithmOf(reference));
      if (want !== reference) throw digestMismatch("manifest push", reference, want);
    }
    const put = () => this.request({
      method: "PUT",
      path: `manifests/${reference}`,
      headers: { "Content-Type": mediaType },
      body: bytes,
      push: true,
      maxBytes: MAX_ERROR_BODY
    });
    let res = await put();
    for (const delayMs of MANIFEST_BLOB_RETRY_MS) {
      if (res.status !== 400 || !parseRegistryErrors(res.body).some((e) => e.code === "MANIFEST_BLOB_UNKNOWN"))
        break;
      this.logger.debug(`PUT manifest ${reference}: MANIFEST_BLOB_UNKNOWN, asking again in ${delayMs} ms`);
      await this.client.sleep(delayMs);
      res = await put();
    }
    if (![200, 201, 202, 204].includes(res.status)) throw this.error(res, `PUT manifest ${reference}`);
    const got = res.headers["docker-content-digest"];
    if (got && got.startsWith("sha256:") && got !== digest) {
      throw new GateError({
        code: "REGISTRY_BAD_RESPONSE",
        message: `${this.registry} stored the manifest under ${got}, but its bytes hash to ${digest}`,
        remedy: "The registry rewrote the manifest; digests and signatures will not match. Check the registry.",
        kind: "infra"
      });
    }
    return { digest, headers: res.headers };
  }
  /** DELETE a manifest by digest: true when deleted, false when absent. */
  async deleteManifest(digest) {
    checkDigest(digest);
    const res = await this.request({
      method: "DELETE",
      path: `manifests/${digest}`,
      push: true,
      scopes: [repositoryScope(this.name, ["delete"])]
    });
    if (res.status === 202 || res.status === 200 || res.status === 204) return true;
    if (res.status === 404) return false;
    throw this.error(res, `DELETE manifest ${digest}`);
  }
  /** Every tag, following Link pagination (bounded). */
  async listTags() {
    const tags = [];
    let path = "tags/list";
    let query = { n: "1000" };
    for (let page = 0; page < MAX_TAG_PAGES; page++) {
      const res = await this.request({ method: "GET", path, ...query ? { query } : {} });
      if (res.status === 404) return tags;
      if (res.status !== 200) throw this.error(res, "list tags");
      let parsed;
      try {
        parsed = JSON.parse(res.body.toString("utf8"));
      } catch (e) {
        throw new GateError({
          code: "REGISTRY_BAD_RESPONSE",
          message: `the tag list of ${this.registry}/${this.name} is not JSON`,
          remedy: "Check that the registry URL is right and no proxy rewrites its answers.",
          kind: "infra",
          cause: e
        });
      }
      if (Array.isArray(parsed.tags)) {
        for (const t of parsed.tags) if (typeof t === "string") tags.push(t);
      }
      if (tags.length > MAX_TAGS) {
        throw new GateError({
          code: "REGISTRY_BAD_RESPONSE",
          message: `${this.registry}/${this.name} lists more than ${MAX_TAGS} tags`,
          remedy: "Clean up old tags (retention rules) in the repository.",
          kind: "infra"
        });
      }
      const next = nextLink(res.headers.link);
      if (!next) return tags;
      const nextUrl = new URL(next, res.url);
      if (nextUrl.origin !== this.origin) return tags;
      path = nextUrl.toString();
      query = void 0;
    }
    return tags;
  }
};
function nextLink(link) {
  if (!link) return void 0;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (m && /;\s*rel="?next"?/i.test(m[2] ?? "")) return m[1];
  }
  return void 0;
}
function checkDigest(d) {
  if (!isValidDigest(d)) {
    throw inputError(
      "DIGEST_INVALID",
      `${JSON.stringify(d)} is not a valid digest`,
      "Digests look like sha256:<64 lower-case hex>."
    );
  }
}
function readFailed(digest, cause) {
  return new GateError({
    code: "BLOB_READ_FAILED",
    message: `reading blob ${digest} from the image source failed: ${describe(cause)}`,
    remedy: "Check that the image source is complete and readable (missing blob files, truncated archives).",
    kind: "input",
    cause
  });
}
async function readSmall(stream) {
  const chunks = [];
  let total = 0;
  for await (const c of stream) {
    const b = c;
    total += b.length;
    if (total > MAX_ERROR_BODY) {
      stream.destroy();
      break;
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export {
  TAG_RE,
  isValidDigest,
  parseReference,
  parseRepositoryName,
  MediaType,
  MANIFEST_ACCEPT,
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  EMPTY_JSON,
  EMPTY_JSON_DIGEST,
  SHA256_RE,
  MAX_MANIFEST_BYTES,
  DEFAULT_BLOB_FETCH_LIMIT,
  parseRegistryErrors,
  digestOf,
  registryScheme,
  RegistryClient,
  Repository,
  nextLink
};
