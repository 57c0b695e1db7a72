import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  EMPTY_JSON,
  EMPTY_JSON_DIGEST,
  HttpClient,
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  MediaType,
  RegistryClient,
  SHA256_RE,
  digestOf,
  makeDiscoverable,
  referrerEntry
} from "./chunk-76HHFUCG.mjs";
import {
  silentLogger
} from "./chunk-YDD6LTSF.mjs";
import {
  TAG_RE
} from "./chunk-SCTZX5IV.mjs";
import {
  GateError,
  describe,
  inputError,
  isGateError
} from "./chunk-66ENAOTL.mjs";

// src/oci/index.ts
import fs6 from "node:fs";

// src/oci/credentials.ts
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
var HUB_HOSTS = /* @__PURE__ */ new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);
var HUB_CONFIG_KEY = "https://index.docker.io/v1/";
function normaliseHost(s) {
  let h = s.trim();
  h = h.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  const slash = h.indexOf("/");
  if (slash >= 0) h = h.slice(0, slash);
  h = h.replace(/^[^@]*@/, "");
  return h.toLowerCase();
}
function sameHost(a, b) {
  const na = normaliseHost(a);
  const nb = normaliseHost(b);
  if (na === nb) return true;
  return HUB_HOSTS.has(na) && HUB_HOSTS.has(nb);
}
function staticCredentials(username, password) {
  return () => Promise.resolve({ username, password });
}
function forHost(host, cred) {
  return (h) => Promise.resolve(sameHost(h, host) ? cred : void 0);
}
function chainCredentials(...providers) {
  return async (host) => {
    for (const p of providers) {
      const c = await p(host);
      if (c) return c;
    }
    return void 0;
  };
}
function gitlabCredentials(env) {
  return (host) => {
    if (env.GITLAB_CI !== "true") return Promise.resolve(void 0);
    if (env.CI_REGISTRY && env.CI_REGISTRY_USER && env.CI_REGISTRY_PASSWORD && sameHost(host, env.CI_REGISTRY)) {
      return Promise.resolve({ username: env.CI_REGISTRY_USER, password: env.CI_REGISTRY_PASSWORD });
    }
    if (env.HARBOR_HOST && env.HARBOR_USERNAME && env.HARBOR_PASSWORD && sameHost(host, env.HARBOR_HOST)) {
      return Promise.resolve({ username: env.HARBOR_USERNAME, password: env.HARBOR_PASSWORD });
    }
    return Promise.resolve(void 0);
  };
}
function dockerConfigPath(env) {
  const dir = env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), ".docker");
  return path.join(dir, "config.json");
}
function readDockerConfig(file) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if (e.code === "ENOENT") return void 0;
    throw inputError(
      "DOCKER_CONFIG_UNREADABLE",
      `cannot read the registry login file ${file}: ${describe(e)}`,
      "Fix the file permissions, or point DOCKER_CONFIG (REGISTRY_AUTH_FILE for podman and buildah logins) at a readable file.",
      e
    );
  }
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new Error("not an object");
    return parsed;
  } catch (e) {
    throw inputError(
      "DOCKER_CONFIG_INVALID",
      `the registry login file ${file} is not a JSON object`,
      "Fix or remove the file (docker login and podman login rewrite it), or point DOCKER_CONFIG or REGISTRY_AUTH_FILE elsewhere.",
      e
    );
  }
}
function fromEntry(entry, key, file) {
  if (entry.registrytoken) return { registryToken: entry.registrytoken };
  if (entry.identitytoken) return { identityToken: entry.identitytoken };
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) {
      throw inputError(
        "DOCKER_CONFIG_INVALID",
        `the "auth" entry for ${key} in ${file} is not base64 of user:password`,
        `Log in again (docker login ${key}) or fix the entry.`
      );
    }
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return void 0;
}
async function runCredentialHelper(helper, serverUrl, opts = {}) {
  if (!/^[A-Za-z0-9._-]+$/.test(helper)) {
    throw inputError(
      "DOCKER_CREDENTIAL_HELPER_FAILED",
      `the credential helper name ${JSON.stringify(helper)} is not a plain program name`,
      "Fix credsStore/credHelpers in the Docker config."
    );
  }
  const program = `docker-credential-${helper}`;
  const timeoutMs = opts.timeoutMs ?? 3e4;
  const result = await new Promise(
    (resolve) => {
      const child = spawn(program, ["get"], {
        stdio: ["pipe", "pipe", "pipe"],
        env: opts.env ?? process.env
      });
      let stdout = "";
      let stderr = "";
      let settled = false;
      const done = (r) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...r, stdout, stderr });
      };
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        done({ code: null, error: new Error(`timed out after ${timeoutMs} ms`) });
      }, timeoutMs);
      child.stdout.on("data", (b) => {
        if (stdout.length < 1024 * 1024) stdout += b.toString("utf8");
      });
      child.stderr.on("data", (b) => {
        if (stderr.length < 64 * 1024) stderr += b.toString("utf8");
      });
      child.on("error", (e) => {
        done({ code: null, error: e });
      });
      child.on("close", (code) => {
        done({ code });
      });
      child.stdin.on("error", () => void 0);
      child.stdin.end(serverUrl);
    }
  );
  if (result.error) {
    const missing = result.error.code === "ENOENT";
    throw new GateError({
      code: "DOCKER_CREDENTIAL_HELPER_FAILED",
      message: missing ? `the Docker config names the credential helper ${program}, which is not on PATH` : `${program} get failed: ${describe(result.error)}`,
      remedy: missing ? `Install ${program}, or remove it from credsStore/credHelpers in the Docker config, or give --username and HARBOR_GATE_PASSWORD.` : `Run 'echo ${serverUrl} | ${program} get' to see what fails.`,
      kind: "input",
      cause: result.error
    });
  }
  if (result.code !== 0) {
    if (/credentials not found/i.test(result.stdout + result.stderr)) return void 0;
    throw inputError(
      "DOCKER_CREDENTIAL_HELPER_FAILED",
      `${program} get exited with ${String(result.code)}: ${(result.stderr || result.stdout).trim().slice(0, 300)}`,
      `Run 'echo ${serverUrl} | ${program} get' to see what fails, or log in again.`
    );
  }
  let parsed;
  try {
    parsed = JSON.parse(result.stdout);
  } catch (e) {
    throw inputError(
      "DOCKER_CREDENTIAL_HELPER_FAILED",
      `${program} get did not print JSON`,
      `Check the helper: 'echo ${serverUrl} | ${program} get' must print {"Username":\u2026,"Secret":\u2026}.`,
      e
    );
  }
  if (typeof parsed.Secret !== "string" || parsed.Secret === "") return void 0;
  const username = typeof parsed.Username === "string" ? parsed.Username : "";
  if (username === "<token>") return { identityToken: parsed.Secret };
  return { username, password: parsed.Secret };
}
function dockerConfigCredentials(env, opts = {}) {
  return configFileCredentials(() => dockerConfigPath(env), env, opts);
}
function containersAuthCredentials(env, opts = {}) {
  const files = [
    env.REGISTRY_AUTH_FILE,
    env.XDG_RUNTIME_DIR ? path.join(env.XDG_RUNTIME_DIR, "containers", "auth.json") : void 0,
    path.join(env.HOME || os.homedir(), ".config", "containers", "auth.json")
  ].filter((f) => Boolean(f));
  return chainCredentials(...files.map((f) => configFileCredentials(() => f, env, opts)));
}
function configFileCredentials(fileOf, env, opts) {
  const logger = opts.logger ?? silentLogger;
  return async (registryHost) => {
    const file = fileOf();
    const config = readDockerConfig(file);
    if (!config) return void 0;
    const host = normaliseHost(registryHost);
    const hub = HUB_HOSTS.has(host);
    const serverUrl = hub ? HUB_CONFIG_KEY : host;
    const helperOpts = {
      env,
      ...opts.helperTimeoutMs !== void 0 ? { timeoutMs: opts.helperTimeoutMs } : {}
    };
    for (const [key2, helper] of Object.entries(config.credHelpers ?? {})) {
      if (sameHost(key2, host) && helper) {
        logger.debug(`credentials for ${host}: credential helper ${helper}`);
        return runCredentialHelper(helper, serverUrl, helperOpts);
      }
    }
    if (config.credsStore) {
      logger.debug(`credentials for ${host}: credential store ${config.credsStore}`);
      const c = await runCredentialHelper(config.credsStore, serverUrl, helperOpts);
      if (c) return c;
    }
    const auths = config.auths ?? {};
    const keys = Object.keys(auths);
    const exact = hub ? keys.find((k) => k === HUB_CONFIG_KEY) : void 0;
    const key = exact ?? keys.find((k) => sameHost(k, host));
    if (key === void 0) return void 0;
    const entry = auths[key];
    if (!entry) return void 0;
    logger.debug(`credentials for ${host}: ${file} auths[${key}]`);
    return fromEntry(entry, key, file);
  };
}
function defaultCredentials(opts) {
  const username = opts.username ?? opts.env.HARBOR_GATE_USERNAME;
  const password = opts.password ?? opts.env.HARBOR_GATE_PASSWORD;
  const providers = [];
  if (username && password) {
    const cred = { username, password };
    const hosts = opts.hosts;
    providers.push(
      hosts ? chainCredentials(...hosts.map((h) => forHost(h, cred))) : staticCredentials(username, password)
    );
  } else if (username && !password) {
    throw inputError(
      "AUTH_PASSWORD_MISSING",
      `--username ${username} was given without a password`,
      "Set HARBOR_GATE_PASSWORD or pipe the password into --password-stdin."
    );
  }
  providers.push(gitlabCredentials(opts.env));
  providers.push(dockerConfigCredentials(opts.env, opts.logger ? { logger: opts.logger } : {}));
  providers.push(containersAuthCredentials(opts.env, opts.logger ? { logger: opts.logger } : {}));
  const chained = chainCredentials(...providers);
  const redactor = opts.redactor;
  if (!redactor) return chained;
  return async (host) => {
    const c = await chained(host);
    if (c) {
      if ("password" in c) redactor.addCredential(c.username, c.password);
      if ("identityToken" in c) {
        redactor.add(c.identityToken);
        redactor.addCredential(c.username ?? "<token>", c.identityToken);
      }
      if ("registryToken" in c) redactor.add(c.registryToken);
    }
    return c;
  };
}

// src/oci/limit.ts
function limit(n) {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`concurrency must be a positive integer, got ${n}`);
  let active = 0;
  const queue = [];
  const next = () => {
    active--;
    queue.shift()?.();
  };
  return (task) => new Promise((resolve, reject) => {
    const run = () => {
      active++;
      task().then(resolve, reject).finally(next);
    };
    if (active < n) run();
    else queue.push(run);
  });
}

// src/oci/memory.ts
import v8 from "node:v8";
import vm from "node:vm";
var cached;
function minorGc() {
  if (cached !== void 0) return cached;
  cached = null;
  try {
    const existing = globalThis.gc;
    let gc = existing;
    if (typeof gc !== "function") {
      v8.setFlagsFromString("--expose-gc");
      gc = vm.runInNewContext("gc");
    }
    if (typeof gc === "function") {
      const fn = gc;
      cached = () => {
        fn({ type: "minor" });
      };
    }
  } catch {
    cached = null;
  }
  return cached;
}
function memoryPacer(everyBytes = 32 * 1024 * 1024) {
  const gc = minorGc();
  if (!gc) return () => void 0;
  let since = 0;
  return (n) => {
    since += n;
    if (since >= everyBytes) {
      since = 0;
      gc();
    }
  };
}

// src/oci/push.ts
var DEFAULT_CONCURRENCY = 4;
var HEAD_CONCURRENCY = 16;
function mediaTypeOf(m) {
  if (m.descriptor.mediaType) return m.descriptor.mediaType;
  try {
    const parsed = JSON.parse(m.bytes.toString("utf8"));
    if (typeof parsed.mediaType === "string" && parsed.mediaType) return parsed.mediaType;
  } catch {
  }
  throw new GateError({
    code: "PUSH_NO_MEDIA_TYPE",
    message: `manifest ${m.descriptor.digest} has no media type`,
    remedy: "The image source is malformed: rebuild or re-export the image.",
    kind: "input"
  });
}
function verifyManifest(m, what) {
  const alg = m.descriptor.digest.split(":")[0] ?? "sha256";
  const got = digestOf(m.bytes, alg === "sha512" ? "sha512" : "sha256");
  if (got !== m.descriptor.digest || m.bytes.length !== m.descriptor.size) {
    throw new GateError({
      code: "BLOB_DIGEST_MISMATCH",
      message: `${what} ${m.descriptor.digest}: its bytes hash to ${got} (${m.bytes.length} bytes, descriptor says ${m.descriptor.size})`,
      remedy: "The image source is corrupt: rebuild or re-export the image and push again.",
      kind: "input"
    });
  }
}
function blobsOf(m) {
  try {
    const parsed = JSON.parse(m.bytes.toString("utf8"));
    return [
      ...parsed.config ? [parsed.config] : [],
      ...Array.isArray(parsed.layers) ? parsed.layers : []
    ];
  } catch (e) {
    throw new GateError({
      code: "PUSH_BAD_MANIFEST",
      message: `referrer manifest ${m.descriptor.digest} is not JSON: ${describe(e)}`,
      remedy: "The image source is malformed: rebuild or re-export the image.",
      kind: "input",
      cause: e
    });
  }
}
async function pushImage(source, target, opts) {
  const logger = opts.logger ?? silentLogger;
  const now = opts.now ?? Date.now;
  const started = now();
  const pace = memoryPacer();
  const repo = opts.client.repository(target.registry, target.repository);
  const rootDigest = source.root.descriptor.digest;
  if (target.digest !== void 0 && target.digest !== rootDigest) {
    throw new GateError({
      code: "PUSH_DIGEST_MISMATCH",
      message: `--image names the digest ${target.digest}, but ${source.name} is ${rootDigest}`,
      remedy: "Drop the @digest from --image, or push the image that has that digest.",
      kind: "input"
    });
  }
  const primaryTag = target.tag ?? (target.digest !== void 0 ? void 0 : "latest");
  const extraTags = [...new Set(opts.tags ?? [])].filter((t) => t !== primaryTag);
  for (const t of extraTags) {
    if (!TAG_RE.test(t)) {
      throw new GateError({
        code: "TAG_INVALID",
        message: `the tag ${JSON.stringify(t)} is not valid`,
        remedy: "Tags match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.",
        kind: "input"
      });
    }
  }
  for (const m of source.manifests) verifyManifest(m, "manifest");
  verifyManifest(source.root, "manifest");
  for (const m of source.referrers) verifyManifest(m, "referrer manifest");
  const stats = { bytesUploaded: 0, skipped: 0, mounted: 0, uploaded: 0 };
  const run = limit(opts.concurrency ?? DEFAULT_CONCURRENCY);
  const seen = /* @__PURE__ */ new Set();
  const pushBlobs = async (blobs) => {
    const unique = blobs.filter((b) => {
      if (seen.has(b.digest)) return false;
      seen.add(b.digest);
      return true;
    });
    const heads = limit(Math.max(HEAD_CONCURRENCY, opts.concurrency ?? DEFAULT_CONCURRENCY));
    const t0 = now();
    const present = await Promise.all(unique.map((d) => heads(() => repo.blobExists(d.digest))));
    const missing = unique.filter((_, i) => present[i] === void 0);
    opts.progress?.start({ blobs: unique.length, bytes: unique.reduce((n, b) => n + b.size, 0) });
    unique.forEach((d, i) => {
      if (present[i] === void 0) return;
      stats.skipped++;
      opts.progress?.blob({
        digest: d.digest,
        size: d.size,
        outcome: "skipped",
        seconds: (now() - t0) / 1e3
      });
    });
    let failed = false;
    const results = await Promise.allSettled(
      missing.map(
        (desc) => run(async () => {
          if (failed) return;
          try {
            await pushOneBlob(repo, source, desc, opts, stats, now, pace);
          } catch (e) {
            failed = true;
            throw e;
          }
        })
      )
    );
    const firstError = results.find((r) => r.status === "rejected");
    if (firstError) throw firstError.reason;
  };
  try {
    await pushBlobs(source.blobs);
    const pushed = /* @__PURE__ */ new Set();
    let manifestsPushed = 0;
    for (const m of source.manifests) {
      if (m.descriptor.digest === rootDigest || pushed.has(m.descriptor.digest)) continue;
      await repo.pushManifest(m.descriptor.digest, m.bytes, mediaTypeOf(m));
      pushed.add(m.descriptor.digest);
      manifestsPushed++;
    }
    const rootType = mediaTypeOf(source.root);
    const first = await repo.pushManifest(primaryTag ?? rootDigest, source.root.bytes, rootType);
    manifestsPushed++;
    if (first.digest !== rootDigest) {
      throw new GateError({
        code: "REGISTRY_BAD_RESPONSE",
        message: `the registry stored the image as ${first.digest}, expected ${rootDigest}`,
        remedy: "The registry rewrote the manifest; check the registry.",
        kind: "infra"
      });
    }
    for (const t of extraTags) await repo.pushManifest(t, source.root.bytes, rootType);
    let referrersPushed = 0;
    if (source.referrers.length > 0) {
      await pushBlobs(source.referrers.flatMap(blobsOf));
      for (const r of source.referrers) {
        const type = mediaTypeOf(r);
        const { headers } = await repo.pushManifest(r.descriptor.digest, r.bytes, type);
        const entry = referrerEntry(r.bytes, type);
        if (entry) await makeDiscoverable(repo, entry.subject, entry.descriptor, headers);
        referrersPushed++;
      }
    }
    const seconds = (now() - started) / 1e3;
    opts.progress?.finish({ ok: true, bytesUploaded: stats.bytesUploaded, seconds });
    const tags = primaryTag !== void 0 ? [primaryTag, ...extraTags] : extraTags;
    const image = `${target.displayRegistry}/${target.repository}${primaryTag !== void 0 ? ":" + primaryTag : "@" + rootDigest}`;
    logger.debug(`pushed ${image} as ${rootDigest}`);
    return {
      image,
      digest: rootDigest,
      mediaType: rootType,
      tags,
      bytesUploaded: stats.bytesUploaded,
      blobsSkipped: stats.skipped,
      blobsMounted: stats.mounted,
      blobsUploaded: stats.uploaded,
      manifestsPushed,
      referrersPushed,
      seconds
    };
  } catch (e) {
    opts.progress?.finish({
      ok: false,
      bytesUploaded: stats.bytesUploaded,
      seconds: (now() - started) / 1e3
    });
    throw e;
  }
}
async function pushOneBlob(repo, source, desc, opts, stats, now, pace) {
  const t0 = now();
  const file = source.blobFile?.(desc.digest);
  const r = await repo.pushBlob(desc, () => source.openBlob(desc.digest), {
    ...opts.mountFrom ? { mountFrom: opts.mountFrom } : {},
    ...file ? { file } : {},
    onProgress: (n) => {
      if (!file) pace(n);
      opts.progress?.bytes(n);
    }
  });
  let outcome;
  if (r.mounted) {
    outcome = "mounted";
    stats.mounted++;
  } else {
    outcome = "uploaded";
    stats.uploaded++;
    stats.bytesUploaded += desc.size;
  }
  opts.progress?.blob({ digest: desc.digest, size: desc.size, outcome, seconds: (now() - t0) / 1e3 });
}

// src/oci/progress.ts
function formatBytes(n) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u] ?? ""}`;
}
function rate(bytes, seconds) {
  if (seconds <= 0) return "-";
  return `${(bytes / 1e6 / seconds).toFixed(1)} MB/s`;
}
function pushSummary(bytesUploaded, seconds) {
  if (bytesUploaded === 0) return `all blobs already present, nothing uploaded (${seconds.toFixed(2)} s)`;
  return `pushed ${formatBytes(bytesUploaded)} in ${seconds.toFixed(2)} s (${rate(bytesUploaded, seconds)})`;
}
function short(digest) {
  const colon = digest.indexOf(":");
  return digest.slice(colon + 1, colon + 13);
}
function logProgress(logger) {
  let total = 0;
  let blobs = 0;
  return {
    start(info) {
      total = info.blobs;
      logger.info(`pushing ${info.blobs} blob(s), ${formatBytes(info.bytes)}`);
    },
    bytes() {
    },
    blob(info) {
      blobs++;
      const speed = info.outcome === "uploaded" ? `, ${rate(info.size, info.seconds)}` : "";
      logger.info(
        `  [${blobs}/${total}] ${short(info.digest)} ${formatBytes(info.size)} ${info.outcome} in ${info.seconds.toFixed(2)} s${speed}`
      );
    },
    finish(info) {
      if (!info.ok) return;
      logger.info(pushSummary(info.bytesUploaded, info.seconds));
    }
  };
}
function ttyProgress(write, intervalMs = 100, now = Date.now) {
  let totalBlobs = 0;
  let totalBytes = 0;
  let doneBlobs = 0;
  let sent = 0;
  let skipped = 0;
  let started = now();
  let last = 0;
  const draw = (force) => {
    const t = now();
    if (!force && t - last < intervalMs) return;
    last = t;
    const secs = (t - started) / 1e3;
    write(
      `\r\x1B[Kpushing: ${doneBlobs}/${totalBlobs} blobs, ${formatBytes(sent)} of ${formatBytes(totalBytes - skipped)} sent, ${rate(sent, secs)}`
    );
  };
  return {
    start(info) {
      totalBlobs = info.blobs;
      totalBytes = info.bytes;
      started = now();
      draw(true);
    },
    bytes(delta) {
      sent += delta;
      draw(false);
    },
    blob(info) {
      doneBlobs++;
      if (info.outcome !== "uploaded") skipped += info.size;
      draw(true);
    },
    finish(info) {
      write("\r\x1B[K");
      if (info.ok) {
        write(`${pushSummary(info.bytesUploaded, info.seconds)}
`);
      }
    }
  };
}
function createProgress(opts) {
  const write = opts.write;
  return opts.tty && write ? ttyProgress(write) : logProgress(opts.logger);
}

// src/oci/sources/index.ts
import fs5 from "node:fs";
import fsp3 from "node:fs/promises";
import os2 from "node:os";
import path4 from "node:path";
import { Transform } from "node:stream";
import { pipeline as pipeline3 } from "node:stream/promises";
import zlib from "node:zlib";

// src/oci/sources/daemon.ts
import { spawn as spawn2 } from "node:child_process";
import fs2 from "node:fs";
import fsp from "node:fs/promises";
import path2 from "node:path";
import { pipeline } from "node:stream/promises";

// src/oci/sources/errors.ts
var SOURCE_REMEDY_RECREATE = "Export the image again (skopeo copy, oras, docker save or buildx --output type=oci) and check the copy is complete.";
function sourceInput(code, message, remedy, cause) {
  return new GateError({ code, message, remedy, kind: "input", cause });
}
function sourceInfra(code, message, remedy, cause) {
  return new GateError({ code, message, remedy, kind: "infra", cause });
}
function readFailed(what, e) {
  const errno = e?.code;
  const userSide = errno === "EACCES" || errno === "EPERM" || errno === "EISDIR" || errno === "ENOTDIR";
  return new GateError({
    code: "SOURCE_READ_FAILED",
    message: `cannot read ${what}: ${describe(e)}`,
    remedy: userSide ? "Check the path and that the user running harbor-gate may read it." : "Check the disk and file system, then run again.",
    kind: userSide ? "input" : "infra",
    cause: e
  });
}

// src/oci/sources/daemon.ts
var MAX_STDERR = 64 * 1024;
async function saveFromDaemon(ref, opts) {
  const dir = await fsp.mkdtemp(path2.join(opts.tmpDir, "harbor-gate-docker-"));
  const cleanup = () => fsp.rm(dir, { recursive: true, force: true });
  const file = path2.join(dir, "image.tar");
  opts.logger.info(`Exporting ${ref} from the Docker daemon (docker save)`);
  try {
    await runSave(ref, file, opts);
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { file, cleanup };
}
async function runSave(ref, file, opts) {
  const child = spawn2(opts.dockerCommand, ["save", ref], {
    env: opts.env,
    stdio: ["ignore", "pipe", "pipe"]
  });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    if (stderr.length < MAX_STDERR) stderr += chunk;
  });
  const exited = new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code2) => {
      resolve(code2);
    });
  });
  const copied = pipeline(child.stdout, fs2.createWriteStream(file));
  let code;
  try {
    [code] = await Promise.all([exited, copied]);
  } catch (e) {
    child.kill();
    if (e.code === "ENOENT" && e.syscall?.startsWith("spawn")) {
      throw sourceInput(
        "SOURCE_DOCKER_NOT_INSTALLED",
        `cannot run ${JSON.stringify(opts.dockerCommand)}: it is not installed or not on PATH`,
        "Install the Docker CLI, or export the image yourself (docker save -o img.tar NAME:TAG) and use docker-archive:img.tar.",
        e
      );
    }
    throw sourceInfra(
      "SOURCE_DOCKER_SAVE_FAILED",
      `docker save ${ref} failed: ${e instanceof Error ? e.message : String(e)}`,
      "Check free space in the temporary directory and that the Docker daemon is healthy.",
      e
    );
  }
  if (code === 0) return;
  const detail = stderr.trim().split("\n").slice(-3).join(" ");
  if (/cannot connect to the docker daemon|is the docker daemon running|permission denied.*docker\.sock/i.test(
    stderr
  )) {
    throw sourceInfra(
      "SOURCE_DOCKER_DAEMON_UNREACHABLE",
      `the Docker daemon is not reachable: ${detail}`,
      "Start Docker (or set DOCKER_HOST), and check that this user may use the Docker socket (docker group)."
    );
  }
  if (/no such image|reference does not exist|not found|does not exist/i.test(stderr)) {
    throw sourceInput(
      "SOURCE_DOCKER_IMAGE_NOT_FOUND",
      `the Docker daemon has no image ${ref}: ${detail}`,
      "Build or pull the image first, and check the name and tag (docker image ls)."
    );
  }
  throw sourceInfra(
    "SOURCE_DOCKER_SAVE_FAILED",
    `docker save ${ref} exited with ${code === null ? "a signal" : `code ${code}`}: ${detail}`,
    "Run docker save yourself to see the problem, or use docker-archive: with a saved file."
  );
}

// src/oci/sources/docker.ts
import crypto2 from "node:crypto";
import { pipeline as pipeline2 } from "node:stream/promises";

// src/oci/tar.ts
import fs3 from "node:fs/promises";
var BLOCK = 512;
var MAX_META_BYTES = 1024 * 1024;
var MAX_ENTRIES = 5e5;
var TAR_REMEDY = "Create the archive again (docker save, skopeo copy, oras or tar) and check the copy is complete.";
function invalid(file, why) {
  return inputError("SOURCE_TAR_INVALID", `${file} is not a valid tar archive: ${why}`, TAR_REMEDY);
}
function unsafe(file, why) {
  return inputError(
    "SOURCE_TAR_UNSAFE",
    `${file} has an unsafe entry: ${why}`,
    'Only use archives made by trusted tools; entries must stay inside the archive (no absolute paths, no "..").'
  );
}
function normalizeEntryName(file, raw) {
  if (raw.includes("\0")) throw unsafe(file, `name ${JSON.stringify(raw)} contains a NUL byte`);
  if (raw.startsWith("/") || /^[A-Za-z]:[\\/]/.test(raw)) {
    throw unsafe(file, `absolute path ${JSON.stringify(raw)}`);
  }
  const parts = raw.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw unsafe(file, `path ${JSON.stringify(raw)} leaves the archive ("..")`);
  return parts.length === 0 ? void 0 : parts.join("/");
}
function readString(buf, start, length) {
  const field = buf.subarray(start, start + length);
  const nul = field.indexOf(0);
  return field.subarray(0, nul === -1 ? field.length : nul).toString("utf8");
}
function readNumber(file, buf, start, length, what) {
  const field = buf.subarray(start, start + length);
  const first = field[0] ?? 0;
  if (first & 128) {
    if (first & 64) throw invalid(file, `negative ${what}`);
    let value = first & 63;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    if (!Number.isSafeInteger(value)) throw invalid(file, `${what} out of range`);
    return value;
  }
  const text = field.toString("latin1").replace(/[\0 ]+$/, "").replace(/^ +/, "");
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw invalid(file, `bad ${what} field ${JSON.stringify(text)}`);
  return parseInt(text, 8);
}
function checksumOk(file, header) {
  const stored = readNumber(file, header, 148, 8, "checksum");
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
  return sum === stored;
}
function parsePax(file, data) {
  const records = /* @__PURE__ */ new Map();
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] === 0) break;
    const space = data.indexOf(32, pos);
    const len = space === -1 ? NaN : Number(data.subarray(pos, space).toString("latin1"));
    if (!Number.isSafeInteger(len) || len <= 0 || pos + len > data.length || data[pos + len - 1] !== 10) {
      throw invalid(file, "malformed PAX extended header");
    }
    const record = data.subarray(space + 1, pos + len - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq <= 0) throw invalid(file, "malformed PAX record");
    records.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return records;
}
function entryType(flag) {
  switch (flag) {
    case "0":
    case "\0":
    case "7":
      return "file";
    case "5":
      return "directory";
    case "2":
      return "symlink";
    case "1":
      return "hardlink";
    default:
      return "other";
  }
}
async function indexTar(file) {
  const handle = await fs3.open(file, "r");
  try {
    const { size: fileSize } = await handle.stat();
    if (fileSize === 0) throw invalid(file, "the file is empty");
    const entries = /* @__PURE__ */ new Map();
    const header = Buffer.alloc(BLOCK);
    let pos = 0;
    let longName;
    let longLink;
    let pax = /* @__PURE__ */ new Map();
    const readAt = async (buf, length, at) => {
      const { bytesRead } = await handle.read(buf, 0, length, at);
      if (bytesRead !== length) throw invalid(file, `truncated at byte ${at + bytesRead}`);
    };
    for (; ; ) {
      if (pos + BLOCK > fileSize) {
        throw invalid(file, `truncated at byte ${fileSize} (no end-of-archive marker)`);
      }
      await readAt(header, BLOCK, pos);
      if (header.every((b) => b === 0)) return { file, size: fileSize, entries };
      let headerOk;
      try {
        headerOk = checksumOk(file, header);
      } catch {
        headerOk = false;
      }
      if (!headerOk) {
        throw invalid(
          file,
          pos === 0 ? "it does not start with a tar header" : `bad header checksum at byte ${pos}`
        );
      }
      const flag = String.fromCharCode(header[156]);
      const type = entryType(flag);
      const hasData = !["1", "2", "3", "4", "6"].includes(flag);
      const paxSize = pax.get("size");
      let size = readNumber(file, header, 124, 12, "size");
      if (paxSize !== void 0 && paxSize !== "") {
        if (!/^\d+$/.test(paxSize) || !Number.isSafeInteger(Number(paxSize))) {
          throw invalid(file, `bad PAX size ${JSON.stringify(paxSize)}`);
        }
        size = Number(paxSize);
      }
      const dataStart = pos + BLOCK;
      const dataSize = hasData ? size : 0;
      if (dataStart + dataSize > fileSize) {
        throw invalid(file, `truncated: an entry's data ends at byte ${dataStart + dataSize} of ${fileSize}`);
      }
      pos = dataStart + Math.ceil(dataSize / BLOCK) * BLOCK;
      if (flag === "x" || flag === "g" || flag === "L" || flag === "K") {
        if (dataSize > MAX_META_BYTES) throw invalid(file, "an extended header is larger than 1 MiB");
        const data = Buffer.alloc(dataSize);
        await readAt(data, dataSize, dataStart);
        if (flag === "x") pax = parsePax(file, data);
        else if (flag === "L") longName = readString(data, 0, data.length);
        else if (flag === "K") longLink = readString(data, 0, data.length);
        else parsePax(file, data);
        continue;
      }
      const magic = header.subarray(257, 263).toString("latin1");
      let rawName = readString(header, 0, 100);
      if (magic === "ustar\0") {
        const prefix = readString(header, 345, 155);
        if (prefix !== "") rawName = `${prefix}/${rawName}`;
      }
      rawName = pax.get("path") || longName || rawName;
      const linkName = pax.get("linkpath") || longLink || readString(header, 157, 100);
      pax = /* @__PURE__ */ new Map();
      longName = void 0;
      longLink = void 0;
      const name = normalizeEntryName(file, rawName);
      if (name === void 0) continue;
      if (type === "hardlink") normalizeEntryName(file, linkName);
      const entry = { name, type, offset: dataStart, size: dataSize, linkName };
      const previous = entries.get(name);
      if (previous) {
        const bothDirs = previous.type === "directory" && type === "directory";
        const sameBlob = name.startsWith("blobs/") && previous.type === "file" && type === "file" && previous.size === size;
        if (!bothDirs && !sameBlob) {
          throw inputError(
            "SOURCE_TAR_DUPLICATE",
            `${file} has conflicting duplicate entries for ${JSON.stringify(name)}`,
            "Create the archive again from a clean directory; appending to an archive (tar -r) leaves duplicates."
          );
        }
        continue;
      }
      if (entries.size >= MAX_ENTRIES) throw invalid(file, `more than ${MAX_ENTRIES} entries`);
      entries.set(name, entry);
    }
  } finally {
    await handle.close();
  }
}

// src/oci/sources/layout.ts
import crypto from "node:crypto";

// src/oci/sources/refs.ts
function normalizeDockerRef(ref) {
  let name = ref;
  const slash = name.indexOf("/");
  const first = slash === -1 ? "" : name.slice(0, slash);
  if (slash === -1) name = `docker.io/library/${name}`;
  else if (!first.includes(".") && !first.includes(":") && first !== "localhost") name = `docker.io/${name}`;
  if (name.startsWith("docker.io/") && name.split("/").length === 2) {
    name = `docker.io/library/${name.slice("docker.io/".length)}`;
  }
  const lastPart = name.slice(name.lastIndexOf("/") + 1);
  if (!lastPart.includes(":") && !name.includes("@")) name = `${name}:latest`;
  return name;
}
function matchesRef(stored, ref) {
  if (stored === ref || stored.endsWith(`:${ref}`) || stored.endsWith(`/${ref}`)) return true;
  return normalizeDockerRef(stored) === normalizeDockerRef(ref);
}
function describeRefs(entries) {
  if (entries.length === 0) return "no images";
  return entries.map((e) => {
    const names = e.names.length > 0 ? `${e.names.join(" / ")} ` : "";
    return `${names}@${e.position} (${e.descriptor.digest.slice(0, 19)}\u2026)`;
  }).join(", ");
}

// src/oci/sources/layout.ts
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
var MAX_INDEX_JSON_BYTES = 16 * 1024 * 1024;
var MAX_CONFIG_BYTES = 32 * 1024 * 1024;
var MAX_DEPTH = 8;
var MAX_MANIFESTS = 1e4;
var STRICT_DIGEST_RE = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
var IMAGE_LAYER_TYPES = /* @__PURE__ */ new Set([
  MediaType.OciLayer,
  MediaType.OciLayerGzip,
  MediaType.OciLayerZstd,
  MediaType.DockerLayer,
  MediaType.DockerLayerGzip,
  MediaType.DockerForeignLayerGzip
]);
var REF_NAME = "org.opencontainers.image.ref.name";
var CONTAINERD_NAME = "io.containerd.image.name";
function checkDigest(digest, where) {
  if (typeof digest !== "string" || !STRICT_DIGEST_RE.test(digest)) {
    throw sourceInput(
      "SOURCE_BAD_DIGEST",
      `${where}: ${JSON.stringify(digest)} is not a valid sha256 or sha512 digest`,
      "Digests must look like sha256:<64 lowercase hex digits>; export the image again with a standard tool."
    );
  }
  return digest;
}
function blobPath(digest, where) {
  const [alg, hex] = checkDigest(digest, where).split(":");
  return `blobs/${alg}/${hex}`;
}
function digestOf2(bytes, alg = "sha256") {
  return `${alg}:${crypto.createHash(alg).update(bytes).digest("hex")}`;
}
function parseJson(bytes, what) {
  let value;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw sourceInput(
      "SOURCE_BAD_JSON",
      `${what} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      SOURCE_REMEDY_RECREATE,
      e
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw sourceInput("SOURCE_BAD_JSON", `${what} is not a JSON object`, SOURCE_REMEDY_RECREATE);
  }
  return value;
}
function invalid2(message) {
  return sourceInput("SOURCE_LAYOUT_INVALID", message, SOURCE_REMEDY_RECREATE);
}
function manifestInvalid(message) {
  return sourceInput("SOURCE_MANIFEST_INVALID", message, SOURCE_REMEDY_RECREATE);
}
function checkDescriptor(value, where) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw manifestInvalid(`${where} is not a descriptor object`);
  }
  const d = value;
  if (typeof d.mediaType !== "string" || d.mediaType === "") {
    throw manifestInvalid(`${where} has no mediaType`);
  }
  checkDigest(d.digest, where);
  if (typeof d.size !== "number" || !Number.isSafeInteger(d.size) || d.size < 0) {
    throw manifestInvalid(`${where} has an invalid size ${JSON.stringify(d.size)}`);
  }
  return d;
}
function annotations(d) {
  return d.annotations ?? {};
}
function platformName(d) {
  const p = d.platform;
  if (!p) {
    const ref = annotations(d)["vnd.docker.reference.digest"];
    return ref ? `attestation for ${ref}` : d.digest;
  }
  return [p.os, p.architecture, p.variant].filter(Boolean).join("/");
}
function sizeMismatch(where, declared, actual) {
  return sourceInput(
    "SOURCE_SIZE_MISMATCH",
    `${where} is ${actual} bytes but its descriptor says ${declared}`,
    SOURCE_REMEDY_RECREATE
  );
}
function blobMissing(digest, where, label) {
  return sourceInput(
    "SOURCE_BLOB_MISSING",
    `${label}: blob ${digest} (${where}) is missing`,
    "The layout is incomplete. Export the whole image again; harbor-gate never pushes a partial image."
  );
}
var Walker = class {
  constructor(files, opts) {
    this.files = files;
    this.opts = opts;
  }
  files;
  opts;
  manifests = [];
  byDigest = /* @__PURE__ */ new Map();
  blobs = /* @__PURE__ */ new Map();
  locations = /* @__PURE__ */ new Map();
  async readManifest(desc, where) {
    const rel = blobPath(desc.digest, where);
    if (desc.size > MAX_MANIFEST_BYTES) {
      throw sourceInput(
        "SOURCE_TOO_LARGE",
        `${where}: manifest ${desc.digest} declares ${desc.size} bytes, more than the 4 MiB registries accept`,
        "Check the descriptor; manifests and indexes are small JSON documents."
      );
    }
    const st = await this.files.stat(rel);
    if (!st) return void 0;
    if (st.size !== desc.size) throw sizeMismatch(`manifest ${desc.digest}`, desc.size, st.size);
    const bytes = await this.files.read(rel, MAX_MANIFEST_BYTES, `manifest ${desc.digest}`);
    const alg = desc.digest.slice(0, desc.digest.indexOf(":"));
    const actual = digestOf2(bytes, alg);
    if (actual !== desc.digest) {
      throw sourceInput(
        "SOURCE_DIGEST_MISMATCH",
        `${this.files.label}: the bytes of manifest ${desc.digest} hash to ${actual}`,
        "The layout was modified or corrupted after it was written; export the image again."
      );
    }
    return { bytes, doc: parseJson(bytes, `manifest ${desc.digest}`) };
  }
  async visit(desc, depth, stack) {
    if (stack.includes(desc.digest)) {
      throw sourceInput(
        "SOURCE_INDEX_LOOP",
        `${this.files.label}: the image index refers back to itself: ${[...stack, desc.digest].join(" -> ")}`,
        "An index cannot contain itself; export the image again with a standard tool."
      );
    }
    if (this.byDigest.has(desc.digest)) return;
    if (depth > MAX_DEPTH) {
      throw sourceInput(
        "SOURCE_INDEX_TOO_DEEP",
        `${this.files.label}: indexes are nested more than ${MAX_DEPTH} levels deep at ${desc.digest}`,
        "Flatten the image index; real multi-platform images nest one or two levels."
      );
    }
    if (this.byDigest.size >= MAX_MANIFESTS) {
      throw invalid2(`${this.files.label}: more than ${MAX_MANIFESTS} manifests`);
    }
    const where = stack.length === 0 ? "index.json" : `index ${stack[stack.length - 1]}`;
    const read = await this.readManifest(desc, where);
    if (!read) throw blobMissing(desc.digest, `manifest listed in ${where}`, this.files.label);
    const { bytes, doc } = read;
    if (doc.schemaVersion !== 2) {
      throw manifestInvalid(
        `manifest ${desc.digest} has schemaVersion ${JSON.stringify(doc.schemaVersion)}, not 2`
      );
    }
    if (typeof doc.mediaType === "string" && doc.mediaType !== desc.mediaType) {
      throw manifestInvalid(
        `manifest ${desc.digest} says it is ${doc.mediaType} but its descriptor says ${desc.mediaType}`
      );
    }
    if (INDEX_MEDIA_TYPES.has(desc.mediaType)) {
      await this.visitIndex(desc, doc, depth, stack);
    } else {
      await this.visitManifest(desc, doc);
    }
    const mb = { descriptor: desc, bytes };
    this.byDigest.set(desc.digest, mb);
    this.manifests.push(mb);
  }
  async visitIndex(desc, doc, depth, stack) {
    if (!Array.isArray(doc.manifests)) throw manifestInvalid(`index ${desc.digest} has no manifests list`);
    const children = doc.manifests.map((c, i) => checkDescriptor(c, `index ${desc.digest} manifests[${i}]`));
    for (const child of children) {
      if (!INDEX_MEDIA_TYPES.has(child.mediaType) && !MANIFEST_MEDIA_TYPES.has(child.mediaType)) {
        throw unsupported(child.mediaType, `a child of index ${desc.digest}`);
      }
    }
    const missing = [];
    for (const child of children) {
      if (!await this.files.stat(blobPath(child.digest, `index ${desc.digest}`))) missing.push(child);
    }
    if (missing.length > 0) {
      const names = missing.map(platformName).join(", ");
      const present = children.length - missing.length;
      throw sourceInput(
        "SOURCE_PLATFORMS_MISSING",
        `${this.files.label}: image index ${desc.digest} lists ${children.length} manifests but ${missing.length} are not in the source (${present} present); missing: ${names}`,
        "The export holds only some platforms of a multi-platform image (docker save with the containerd image store exports only what was pulled). Either pull every platform first (docker pull --all-platforms or docker pull --platform for each) and save again, or push one platform: docker save --platform linux/amd64, or select the platform manifest of an OCI layout by its ref."
      );
    }
    for (const child of children) await this.visit(child, depth + 1, [...stack, desc.digest]);
  }
  async visitManifest(desc, doc) {
    const config = checkDescriptor(doc.config, `manifest ${desc.digest} config`);
    if (!Array.isArray(doc.layers)) throw manifestInvalid(`manifest ${desc.digest} has no layers list`);
    const layers = doc.layers.map((l, i) => checkDescriptor(l, `manifest ${desc.digest} layers[${i}]`));
    await this.addBlob(config, `config of ${desc.digest}`);
    for (const [i, layer] of layers.entries()) await this.addBlob(layer, `layer ${i} of ${desc.digest}`);
    if (this.opts.checkDiffIds) await this.checkDiffIds(desc, config, layers);
  }
  async addBlob(d, where) {
    if (this.locations.has(d.digest)) {
      const known = this.blobs.get(d.digest);
      if (known && known.size !== d.size) throw sizeMismatch(`${where} ${d.digest}`, d.size, known.size);
      return;
    }
    const rel = blobPath(d.digest, where);
    const st = await this.files.stat(rel);
    if (st) {
      if (st.size !== d.size) throw sizeMismatch(`${where} ${d.digest}`, d.size, st.size);
      this.locations.set(d.digest, { path: rel });
      this.blobs.set(d.digest, { mediaType: d.mediaType, digest: d.digest, size: d.size });
      return;
    }
    const inline = inlineData(d);
    if (inline) {
      this.locations.set(d.digest, { data: inline });
      this.blobs.set(d.digest, { mediaType: d.mediaType, digest: d.digest, size: d.size });
      return;
    }
    if (d.urls?.length && /foreign|nondistributable/.test(d.mediaType)) {
      this.opts.logger.debug(
        `${where} ${d.digest} is a foreign layer served from ${d.urls.join(", ")}: not pushed`
      );
      return;
    }
    throw blobMissing(d.digest, where, this.files.label);
  }
  async checkDiffIds(desc, config, layers) {
    if (config.mediaType !== MediaType.OciConfig && config.mediaType !== MediaType.DockerConfig) return;
    if (!layers.every((l) => IMAGE_LAYER_TYPES.has(l.mediaType))) return;
    const loc = this.locations.get(config.digest);
    if (!loc) return;
    const bytes = "data" in loc ? loc.data : await this.files.read(loc.path, MAX_CONFIG_BYTES, `config ${config.digest}`);
    const rootfs = parseJson(bytes, `config ${config.digest}`).rootfs;
    const diffIds = rootfs?.diff_ids;
    const inconsistent = (why) => sourceInput(
      "SOURCE_DOCKER_INCONSISTENT",
      `${this.files.label}: manifest ${desc.digest} does not match its config: ${why}`,
      "This is a known Docker 25.0.x save bug; upgrade Docker and save again, or keep manifest.json in the archive."
    );
    if (!Array.isArray(diffIds)) throw inconsistent("the config has no rootfs.diff_ids");
    if (diffIds.length !== layers.length) {
      throw inconsistent(`${layers.length} layers but ${diffIds.length} diff_ids`);
    }
    layers.forEach((layer, i) => {
      const uncompressed = layer.mediaType === MediaType.OciLayer || layer.mediaType === MediaType.DockerLayer;
      if (uncompressed && layer.digest !== diffIds[i]) {
        throw inconsistent(`layer ${i} is ${layer.digest} but diff_ids[${i}] is ${String(diffIds[i])}`);
      }
    });
  }
};
function inlineData(d) {
  if (d.digest === EMPTY_JSON_DIGEST && d.size === EMPTY_JSON.length) return EMPTY_JSON;
  if (typeof d.data !== "string") return void 0;
  const data = Buffer.from(d.data, "base64");
  const alg = d.digest.slice(0, d.digest.indexOf(":"));
  return data.length === d.size && digestOf2(data, alg) === d.digest ? data : void 0;
}
function unsupported(mediaType, what) {
  return sourceInput(
    "SOURCE_UNSUPPORTED_MEDIA_TYPE",
    `${what} has media type ${JSON.stringify(mediaType)}, which is not an image manifest or index`,
    `Select an image: harbor-gate pushes ${[...MANIFEST_MEDIA_TYPES, ...INDEX_MEDIA_TYPES].join(", ")}.`
  );
}
function isKnown(d) {
  return INDEX_MEDIA_TYPES.has(d.mediaType) || MANIFEST_MEDIA_TYPES.has(d.mediaType);
}
function entryNames(d) {
  const a = annotations(d);
  return [a[REF_NAME], a[CONTAINERD_NAME]].filter((n) => typeof n === "string" && n !== "");
}
async function readIndexJson(files) {
  const layoutFile = await files.stat("oci-layout");
  if (!layoutFile) {
    throw invalid2(
      `${files.label} has no oci-layout file, so it is not an OCI image layout` + (files.list()?.includes("manifest.json") ? " (it looks like a docker save archive: use docker-archive:)" : "")
    );
  }
  const header = parseJson(await files.read("oci-layout", 64 * 1024, "oci-layout"), "oci-layout");
  const version = header.imageLayoutVersion;
  if (typeof version !== "string" || !/^1\.\d+\.\d+$/.test(version)) {
    throw sourceInput(
      "SOURCE_LAYOUT_VERSION",
      `${files.label}: unsupported imageLayoutVersion ${JSON.stringify(version)} (supported: 1.x.y)`,
      "Export the image with a tool that writes OCI image layout 1.0.0."
    );
  }
  if (!await files.stat("index.json")) throw invalid2(`${files.label} has no index.json`);
  const index = parseJson(await files.read("index.json", MAX_INDEX_JSON_BYTES, "index.json"), "index.json");
  if (index.schemaVersion !== 2) {
    throw invalid2(
      `${files.label}: index.json has schemaVersion ${JSON.stringify(index.schemaVersion)}, not 2`
    );
  }
  if (!Array.isArray(index.manifests)) {
    throw invalid2(`${files.label}: index.json has no manifests list (${JSON.stringify(index.manifests)})`);
  }
  return index.manifests.map((m, i) => {
    const descriptor = checkDescriptor(m, `index.json manifests[${i}]`);
    return { position: i, descriptor, names: entryNames(descriptor) };
  });
}
function selectRoot(label, entries, ref, logger) {
  const known = entries.filter((e) => {
    if (isKnown(e.descriptor)) return true;
    logger.debug(
      `${label}: skipping index.json entry ${e.descriptor.digest} of type ${e.descriptor.mediaType}`
    );
    return false;
  });
  if (ref !== void 0) {
    const position = /^@(\d+)$/.exec(ref)?.[1];
    const matched = position === void 0 ? entries.filter((e) => e.descriptor.digest === ref || e.names.some((n) => matchesRef(n, ref))) : entries.filter((e) => e.position === Number(position));
    const digests = new Set(matched.map((e) => e.descriptor.digest));
    if (digests.size === 0) {
      throw sourceInput(
        "SOURCE_REF_NOT_FOUND",
        `${label} has no image ${JSON.stringify(ref)}; it has: ${describeRefs(entries)}`,
        "Name one of the images listed, as oci:DIR:REF (a tag, a full reference, a digest or @N for the N-th entry)."
      );
    }
    if (digests.size > 1) throw ambiguous(label, ref, matched);
    const chosen = matched[0];
    if (!isKnown(chosen.descriptor))
      throw unsupported(chosen.descriptor.mediaType, `image ${JSON.stringify(ref)}`);
    return [chosen];
  }
  if (known.length === 0) {
    if (entries.length > 0) {
      throw unsupported(entries[0].descriptor.mediaType, `${label}: every index.json entry`);
    }
    throw invalid2(`${label}: index.json lists no images`);
  }
  const tagged = known.filter((e) => e.names.length > 0);
  const pool = tagged.length > 0 ? tagged : known;
  if (new Set(pool.map((e) => e.descriptor.digest)).size === 1) return [pool[0]];
  if (tagged.length > 0) throw ambiguous(label, void 0, tagged);
  return pool;
}
function ambiguous(label, ref, matched) {
  return sourceInput(
    "SOURCE_REF_AMBIGUOUS",
    `${label} holds several images${ref === void 0 ? "" : ` matching ${JSON.stringify(ref)}`}: ${describeRefs(matched)}`,
    "Say which one to push: oci:DIR:REF, oci-archive:FILE:REF or docker-archive:FILE:REF with a tag, full reference, digest or @N."
  );
}
async function readOciLayout(files, opts) {
  const entries = await readIndexJson(files);
  let candidates = selectRoot(files.label, entries, opts.ref, opts.logger);
  if (candidates.length > 1) {
    const probe = new Walker(files, opts);
    const roots = [];
    for (const c of candidates) {
      const read = await probe.readManifest(c.descriptor, "index.json").catch(() => void 0);
      if (!read || typeof read.doc.subject !== "object") roots.push(c);
    }
    if (new Set(roots.map((e) => e.descriptor.digest)).size !== 1)
      throw ambiguous(files.label, void 0, candidates);
    candidates = roots;
  }
  const chosen = candidates[0];
  const walker = new Walker(files, opts);
  await walker.visit(chosen.descriptor, 0, []);
  const root = walker.byDigest.get(chosen.descriptor.digest);
  const referrers = await collectReferrers(files, opts, entries, walker);
  return {
    root,
    manifests: walker.manifests,
    blobs: [...walker.blobs.values()],
    referrers: referrers.manifests,
    locations: new Map([...walker.locations, ...referrers.locations])
  };
}
async function collectReferrers(files, opts, entries, image) {
  const targets = new Set(image.byDigest.keys());
  const manifests = [];
  const locations = /* @__PURE__ */ new Map();
  let pending = entries.filter((e) => isKnown(e.descriptor) && !targets.has(e.descriptor.digest));
  const probe = new Walker(files, opts);
  for (let found = true; found && pending.length > 0; ) {
    found = false;
    const rest = [];
    for (const entry of pending) {
      const d = entry.descriptor;
      let subject;
      try {
        const read = await probe.readManifest(d, "index.json");
        const s = read?.doc.subject;
        subject = typeof s?.digest === "string" ? s.digest : void 0;
      } catch (e) {
        opts.logger.debug(`${files.label}: index.json entry ${d.digest} is not readable: ${String(e)}`);
        continue;
      }
      if (subject === void 0 || targets.has(d.digest)) continue;
      if (!targets.has(subject)) {
        rest.push(entry);
        continue;
      }
      const walker = new Walker(files, { ...opts, checkDiffIds: false });
      try {
        await walker.visit(d, 0, []);
      } catch (e) {
        if (!isGateError(e)) throw e;
        opts.logger.warn(`${files.label}: not carrying referrer ${d.digest} of ${subject}: ${e.message}`);
        continue;
      }
      for (const m of walker.manifests) {
        if (!targets.has(m.descriptor.digest)) {
          targets.add(m.descriptor.digest);
          manifests.push(m);
        }
      }
      for (const [digest, loc] of walker.locations) {
        locations.set(digest, loc);
        const desc = walker.blobs.get(digest);
        if (desc && !image.blobs.has(digest)) image.blobs.set(digest, desc);
      }
      found = true;
    }
    pending = rest;
  }
  return { manifests, locations };
}

// src/oci/sources/docker.ts
function detectCompression(head) {
  if (head.length >= 2 && head[0] === 31 && head[1] === 139) return "gzip";
  if (head.length >= 4 && head.readUInt32BE(0) === 682962941) return "zstd";
  return "none";
}
function manifestInvalid2(label, why) {
  return sourceInput(
    "SOURCE_DOCKER_MANIFEST_INVALID",
    `${label}: manifest.json ${why}`,
    "Save the image again with docker save (or skopeo copy ... docker-archive:FILE) and check the copy is complete."
  );
}
async function readDockerArchive(files, opts) {
  const hasManifestJson = await files.stat("manifest.json") !== void 0;
  if (await files.stat("index.json") && await files.stat("oci-layout")) {
    try {
      return await readOciLayout(files, { ...opts, checkDiffIds: true });
    } catch (e) {
      if (!isGateError(e) || !hasManifestJson || e.code === "SOURCE_PLATFORMS_MISSING") throw e;
      opts.logger.info(
        `${files.label}: reading manifest.json instead of its OCI layout (${e.code}: ${e.message})`
      );
    }
  }
  if (!hasManifestJson) {
    throw sourceInput(
      "SOURCE_DOCKER_MANIFEST_INVALID",
      `${files.label} has neither manifest.json nor an OCI layout (index.json + oci-layout)`,
      "Check that the file was written by docker save; for an OCI archive use oci-archive:FILE."
    );
  }
  return readClassic(files, opts);
}
function parseManifestJson(label, bytes) {
  let value;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw sourceInput(
      "SOURCE_BAD_JSON",
      `${label}: manifest.json is not valid JSON`,
      SOURCE_REMEDY_RECREATE,
      e
    );
  }
  if (!Array.isArray(value)) throw manifestInvalid2(label, "is not a list");
  return value.map((raw, i) => {
    const item = raw;
    if (typeof item !== "object" || item === null)
      throw manifestInvalid2(label, `entry ${i} is not an object`);
    if (typeof item.Config !== "string" || item.Config === "") {
      throw manifestInvalid2(label, `entry ${i} has no Config`);
    }
    const tags = item.RepoTags ?? [];
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === "string")) {
      throw manifestInvalid2(label, `entry ${i} has invalid RepoTags`);
    }
    if (!Array.isArray(item.Layers) || !item.Layers.every((l) => typeof l === "string")) {
      throw manifestInvalid2(label, `entry ${i} has no Layers list`);
    }
    return { Config: item.Config, RepoTags: tags, Layers: item.Layers };
  });
}
function describeItems(items) {
  return items.map((it, i) => `${it.RepoTags.length > 0 ? `${it.RepoTags.join(" / ")} ` : ""}@${i}`).join(", ");
}
function selectItem(label, items, ref) {
  if (items.length === 0) throw manifestInvalid2(label, "lists no images");
  if (ref === void 0) {
    if (items.length === 1) return items[0];
    throw sourceInput(
      "SOURCE_REF_AMBIGUOUS",
      `${label} holds ${items.length} images: ${describeItems(items)}`,
      "Say which one to push: docker-archive:FILE:REPO:TAG or docker-archive:FILE:@N."
    );
  }
  const position = /^@(\d+)$/.exec(ref)?.[1];
  const matched = position === void 0 ? items.filter((it) => it.RepoTags.some((t) => matchesRef(t, ref))) : items.filter((_, i) => i === Number(position));
  if (matched.length === 0) {
    throw sourceInput(
      "SOURCE_REF_NOT_FOUND",
      `${label} has no image ${JSON.stringify(ref)}; it has: ${describeItems(items)}`,
      "Name one of the images listed: docker-archive:FILE:REPO:TAG or docker-archive:FILE:@N."
    );
  }
  if (new Set(matched.map((m) => m.Config)).size > 1) {
    throw sourceInput(
      "SOURCE_REF_AMBIGUOUS",
      `${label} holds several images matching ${JSON.stringify(ref)}: ${describeItems(matched)}`,
      "Give the full REPO:TAG or @N."
    );
  }
  return matched[0];
}
function entryPath(files, raw) {
  const name = normalizeEntryName(files.label, raw);
  if (name === void 0) throw manifestInvalid2(files.label, `names the archive root as a file`);
  return files.resolveLink(name);
}
async function hashFile(files, rel) {
  const hash = crypto2.createHash("sha256");
  try {
    await pipeline2(files.open(rel), hash);
  } catch (e) {
    throw readFailed(`${files.label}: ${rel}`, e);
  }
  return `sha256:${hash.digest("hex")}`;
}
async function readClassic(files, opts) {
  const label = files.label;
  const items = parseManifestJson(
    label,
    await files.read("manifest.json", MAX_INDEX_JSON_BYTES, "manifest.json")
  );
  const item = selectItem(label, items, opts.ref);
  const configPath = entryPath(files, item.Config);
  const configStat = await files.stat(configPath);
  if (!configStat) throw blobMissing(item.Config, "the image config named by manifest.json", label);
  const configBytes = await files.read(configPath, MAX_CONFIG_BYTES, `config ${item.Config}`);
  const configDigest = digestOf2(configBytes);
  const config = parseJson(configBytes, `config ${item.Config}`);
  const diffIds = config.rootfs?.diff_ids;
  if (!Array.isArray(diffIds) || !diffIds.every((d) => typeof d === "string" && SHA256_RE.test(d))) {
    throw manifestInvalid2(label, `points at config ${item.Config}, which has no valid rootfs.diff_ids`);
  }
  if (diffIds.length !== item.Layers.length) {
    throw manifestInvalid2(
      label,
      `lists ${item.Layers.length} layers but the config has ${diffIds.length} diff_ids`
    );
  }
  const locations = /* @__PURE__ */ new Map([[configDigest, { path: configPath }]]);
  const layers = [];
  const byPath = /* @__PURE__ */ new Map();
  for (const [i, raw] of item.Layers.entries()) {
    const rel = entryPath(files, raw);
    let layer = byPath.get(rel);
    if (!layer) {
      const st = await files.stat(rel);
      if (!st) throw blobMissing(diffIds[i], `layer ${i} (${raw})`, label);
      const compression = detectCompression(await files.head(rel, 4));
      const digest = compression === "none" ? diffIds[i] : await hashFile(files, rel);
      layer = { digest, size: st.size, compression };
      byPath.set(rel, layer);
      opts.logger.debug(`${label}: layer ${i} ${raw}: ${compression}, ${st.size} bytes, ${digest}`);
    }
    const known = locations.get(layer.digest);
    if (known && "path" in known && known.path !== rel) {
      opts.logger.debug(`${label}: layer ${raw} repeats ${known.path}`);
    }
    if (!known) locations.set(layer.digest, { path: rel });
    layers.push(layer);
  }
  const oci = layers.some((l) => l.compression === "zstd");
  const layerType = (c) => {
    if (oci)
      return c === "zstd" ? MediaType.OciLayerZstd : c === "gzip" ? MediaType.OciLayerGzip : MediaType.OciLayer;
    return c === "gzip" ? MediaType.DockerLayerGzip : MediaType.DockerLayer;
  };
  const configDesc = {
    mediaType: oci ? MediaType.OciConfig : MediaType.DockerConfig,
    digest: configDigest,
    size: configBytes.length
  };
  const layerDescs = layers.map((l) => ({
    mediaType: layerType(l.compression),
    digest: l.digest,
    size: l.size
  }));
  const mediaType = oci ? MediaType.OciManifest : MediaType.DockerManifest;
  const bytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType, config: configDesc, layers: layerDescs }),
    "utf8"
  );
  const root = {
    descriptor: { mediaType, digest: digestOf2(bytes), size: bytes.length },
    bytes
  };
  const blobs = /* @__PURE__ */ new Map();
  for (const d of [configDesc, ...layerDescs]) if (!blobs.has(d.digest)) blobs.set(d.digest, d);
  return { root, manifests: [root], blobs: [...blobs.values()], referrers: [], locations };
}

// src/oci/sources/files.ts
import fs4 from "node:fs";
import fsp2 from "node:fs/promises";
import path3 from "node:path";
import { Readable } from "node:stream";
var READ_CHUNK = 1024 * 1024;
function bufferStream(data) {
  let sent = false;
  return new Readable({
    read() {
      if (!sent && data.length > 0) this.push(data);
      sent = true;
      this.push(null);
    }
  });
}
function tooLarge(what, size, limit2) {
  return sourceInput(
    "SOURCE_TOO_LARGE",
    `${what} is ${size} bytes, more than the ${limit2}-byte limit for that kind of file`,
    "Check that the source is an OCI layout or docker-save archive; manifests and index files are small JSON."
  );
}
function escapes(dir, rel, what) {
  return sourceInput(
    "SOURCE_LAYOUT_ESCAPE",
    `${dir}: ${rel} is ${what}; files of an oci: layout must be inside its directory`,
    "Copy the layout with real files (cp -rL, skopeo copy, oras copy) or remove the link; harbor-gate does not follow links out of a layout."
  );
}
var DirFiles = class {
  constructor(label) {
    this.label = label;
  }
  label;
  rootReal;
  /**
   * The file's real path, which must stay inside the directory: a symlink in a layout (to
   * /etc/shadow, to ~/.docker/config.json) would otherwise be read, hashed, quoted in errors and
   * streamed to the registry. An absent file keeps its lexical path (stat reports it missing).
   */
  abs(rel) {
    const lexical = path3.join(this.label, ...rel.split("/"));
    let real;
    try {
      this.rootReal ??= fs4.realpathSync(this.label);
      real = fs4.realpathSync(lexical);
    } catch (e) {
      const errno = e.code;
      if (errno === "ENOENT" || errno === "ENOTDIR") return lexical;
      if (errno === "ELOOP") throw escapes(this.label, rel, "a symlink loop");
      throw readFailed(lexical, e);
    }
    const root = this.rootReal;
    if (real !== root && !real.startsWith(root.endsWith(path3.sep) ? root : root + path3.sep)) {
      throw escapes(this.label, rel, "a symlink that leads outside the layout directory");
    }
    return real;
  }
  async stat(rel) {
    let st;
    const file = this.abs(rel);
    try {
      st = await fsp2.stat(file);
    } catch (e) {
      const errno = e.code;
      if (errno === "ENOENT" || errno === "ENOTDIR") return void 0;
      throw readFailed(file, e);
    }
    if (!st.isFile()) {
      throw sourceInput("SOURCE_LAYOUT_INVALID", `${file} is not a regular file`, SOURCE_REMEDY_RECREATE);
    }
    return { size: st.size };
  }
  async read(rel, limit2, what) {
    const file = this.abs(rel);
    let handle;
    try {
      handle = await fsp2.open(file, "r");
      const { size } = await handle.stat();
      if (size > limit2) throw tooLarge(what, size, limit2);
      const buf = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buf, 0, size, 0);
      return buf.subarray(0, bytesRead);
    } catch (e) {
      if (isGateError(e)) throw e;
      throw readFailed(file, e);
    } finally {
      await handle?.close();
    }
  }
  async head(rel, n) {
    const file = this.abs(rel);
    try {
      const handle = await fsp2.open(file, "r");
      try {
        const buf = Buffer.alloc(n);
        const { bytesRead } = await handle.read(buf, 0, n, 0);
        return buf.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (e) {
      throw readFailed(file, e);
    }
  }
  open(rel) {
    return fs4.createReadStream(this.abs(rel), { highWaterMark: READ_CHUNK });
  }
  range(rel) {
    return { path: this.abs(rel), offset: 0 };
  }
  resolveLink(rel) {
    return rel;
  }
  list() {
    return void 0;
  }
};
var MAX_LINK_HOPS = 8;
var TarFiles = class _TarFiles {
  constructor(label, index) {
    this.label = label;
    this.index = index;
  }
  label;
  index;
  static async open(file) {
    let index;
    try {
      index = await indexTar(file);
    } catch (e) {
      if (isGateError(e)) throw e;
      throw readFailed(file, e);
    }
    return new _TarFiles(file, index);
  }
  entry(rel) {
    const entry = this.index.entries.get(rel);
    if (!entry) return void 0;
    if (entry.type === "symlink" || entry.type === "hardlink") {
      throw sourceInput(
        "SOURCE_TAR_UNSAFE",
        `${this.label}: ${rel} is a ${entry.type} (to ${JSON.stringify(entry.linkName)}), not a file`,
        "Blobs, manifests and index files in an archive must be regular files; create the archive again without links."
      );
    }
    if (entry.type !== "file") {
      throw sourceInput(
        "SOURCE_LAYOUT_INVALID",
        `${this.label}: ${rel} is not a regular file`,
        SOURCE_REMEDY_RECREATE
      );
    }
    return entry;
  }
  // eslint-disable-next-line @typescript-eslint/require-await -- async so a refused link rejects, not throws
  async stat(rel) {
    const entry = this.entry(rel);
    return entry ? { size: entry.size } : void 0;
  }
  async readRange(entry, n) {
    try {
      const handle = await fsp2.open(this.label, "r");
      try {
        const buf = Buffer.alloc(n);
        const { bytesRead } = await handle.read(buf, 0, n, entry.offset);
        return buf.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (e) {
      throw readFailed(this.label, e);
    }
  }
  async read(rel, limit2, what) {
    const entry = this.entry(rel);
    if (!entry) throw readFailed(`${this.label}: ${rel}`, new Error("no such entry"));
    if (entry.size > limit2) throw tooLarge(what, entry.size, limit2);
    return this.readRange(entry, entry.size);
  }
  async head(rel, n) {
    const entry = this.entry(rel);
    if (!entry) throw readFailed(`${this.label}: ${rel}`, new Error("no such entry"));
    return this.readRange(entry, Math.min(n, entry.size));
  }
  open(rel) {
    const entry = this.entry(rel);
    if (!entry) throw readFailed(`${this.label}: ${rel}`, new Error("no such entry"));
    if (entry.size === 0) return bufferStream(Buffer.alloc(0));
    return fs4.createReadStream(this.label, {
      start: entry.offset,
      end: entry.offset + entry.size - 1,
      highWaterMark: READ_CHUNK
    });
  }
  range(rel) {
    const entry = this.entry(rel);
    if (!entry) throw readFailed(`${this.label}: ${rel}`, new Error("no such entry"));
    return { path: this.label, offset: entry.offset, size: entry.size };
  }
  /**
   * Classic `docker save` writes a repeated layer once and links the others to it
   * (`<id>/layer.tar -> ../<other>/layer.tar`). Follow such links when they stay inside the archive.
   */
  resolveLink(rel) {
    let current = rel;
    for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
      const entry = this.index.entries.get(current);
      if (!entry || entry.type !== "symlink" && entry.type !== "hardlink") return current;
      const base = entry.type === "symlink" ? path3.posix.dirname(current) : "";
      const joined = entry.linkName.startsWith("/") ? entry.linkName : path3.posix.join(base, entry.linkName);
      const target = path3.posix.normalize(joined);
      if (target.startsWith("/") || target === ".." || target.startsWith("../")) {
        throw sourceInput(
          "SOURCE_TAR_UNSAFE",
          `${this.label}: link ${rel} points outside the archive (${JSON.stringify(entry.linkName)})`,
          "Only use archives made by trusted tools; links must stay inside the archive."
        );
      }
      const next = normalizeEntryName(this.label, target);
      if (next === void 0) return current;
      current = next;
    }
    throw sourceInput(
      "SOURCE_TAR_UNSAFE",
      `${this.label}: ${rel} is a chain of more than ${MAX_LINK_HOPS} links`,
      "Create the archive again without link loops."
    );
  }
  list() {
    return [...this.index.entries.keys()];
  }
};

// src/oci/sources/index.ts
var DEFAULT_GUNZIP_LIMITS = Object.freeze({
  maxBytes: 64 * 1024 ** 3,
  // Image tarballs hold mostly compressed layers (ratio ~1); uncompressed layers rarely beat 20:1.
  // gzip itself cannot exceed about 1032:1.
  maxRatio: 200,
  ratioFloorBytes: 1024 ** 3
});
var KINDS = ["oci", "oci-archive", "docker-archive", "docker-daemon"];
var SPEC_REMEDY = "Use oci:DIR[:REF], oci-archive:FILE[:REF], docker-archive:FILE[:REF] or docker-daemon:NAME:TAG (e.g. oci:./build/image:1.0 or docker-daemon:myapp:latest).";
function invalidSpec(spec, why) {
  return sourceInput("SOURCE_INVALID", `invalid source ${JSON.stringify(spec)}: ${why}`, SPEC_REMEDY);
}
function parseSource(spec) {
  const colon = spec.indexOf(":");
  const kind = colon === -1 ? "" : spec.slice(0, colon);
  if (!KINDS.includes(kind)) {
    const hint = spec.startsWith("docker://") ? " (docker:// is a registry; push reads local images)" : "";
    throw invalidSpec(spec, `unknown or missing transport "${kind || spec}"${hint}`);
  }
  const rest = spec.slice(colon + 1);
  if (rest === "") throw invalidSpec(spec, "nothing after the transport");
  if (/[\s\0]/.test(rest)) throw invalidSpec(spec, "it contains white space");
  if (kind === "docker-daemon") {
    const lastPart = rest.slice(rest.lastIndexOf("/") + 1);
    if (!lastPart.includes(":") && !rest.includes("@")) {
      throw invalidSpec(spec, "docker-daemon: needs NAME:TAG or NAME@DIGEST");
    }
    if (rest.endsWith(":") || rest.startsWith(":") || rest.startsWith("/")) {
      throw invalidSpec(spec, "docker-daemon: needs NAME:TAG or NAME@DIGEST");
    }
    return { kind: "docker-daemon", path: rest };
  }
  const skip = process.platform === "win32" && /^[A-Za-z]:[\\/]/.test(rest) ? 2 : 0;
  const sep = rest.indexOf(":", skip);
  const file = sep === -1 ? rest : rest.slice(0, sep);
  const ref = sep === -1 ? void 0 : rest.slice(sep + 1);
  if (file === "") throw invalidSpec(spec, "the path is empty");
  if (ref === "") throw invalidSpec(spec, "the REF after the path is empty");
  return ref === void 0 ? { kind, path: file } : { kind, path: file, ref };
}
function formatSource(spec) {
  return `${spec.kind}:${spec.path}${spec.ref === void 0 ? "" : `:${spec.ref}`}`;
}
async function statPath(file, spec) {
  try {
    return await fsp3.stat(file);
  } catch (e) {
    if (e.code === "ENOENT") {
      throw sourceInput(
        "SOURCE_NOT_FOUND",
        `${formatSource(spec)}: ${file} does not exist`,
        "Check the path (relative paths are resolved from the working directory).",
        e
      );
    }
    throw readFailed(file, e);
  }
}
async function plainTar(file, tmpDir, logger, limits = DEFAULT_GUNZIP_LIMITS) {
  const head = Buffer.alloc(2);
  try {
    const handle = await fsp3.open(file, "r");
    try {
      await handle.read(head, 0, 2, 0);
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw readFailed(file, e);
  }
  if (head[0] !== 31 || head[1] !== 139) return { file, cleanup: () => Promise.resolve() };
  const dir = await fsp3.mkdtemp(path4.join(tmpDir, "harbor-gate-gunzip-"));
  const cleanup = () => fsp3.rm(dir, { recursive: true, force: true });
  const out = path4.join(dir, "archive.tar");
  logger.info(`${file} is gzip-compressed: decompressing it to a temporary file for random access`);
  try {
    const compressed = (await fsp3.stat(file)).size;
    await pipeline3(
      fs5.createReadStream(file),
      zlib.createGunzip(),
      boundedOutput(file, compressed, limits),
      fs5.createWriteStream(out)
    );
  } catch (e) {
    await cleanup();
    if (isGateError(e)) throw e;
    if (e.code?.startsWith("Z_")) {
      throw sourceInput(
        "SOURCE_TAR_INVALID",
        `${file} is gzip-compressed but its data is corrupt or truncated: ${String(e)}`,
        "Create the archive again and check the copy is complete (gzip -t FILE).",
        e
      );
    }
    throw readFailed(file, e);
  }
  return { file: out, cleanup };
}
function boundedOutput(file, compressed, limits) {
  let total = 0;
  return new Transform({
    transform(chunk, _enc, done) {
      total += chunk.length;
      const ratioCap = Math.max(limits.ratioFloorBytes, compressed * limits.maxRatio);
      if (total > limits.maxBytes || total > ratioCap) {
        const byRatio = total <= limits.maxBytes;
        done(
          sourceInput(
            "SOURCE_DECOMPRESSED_TOO_LARGE",
            byRatio ? `${file} decompresses to more than ${limits.maxRatio} times its ${compressed}-byte size (over ${total} bytes so far): refused as a likely gzip bomb` : `${file} decompresses to more than ${limits.maxBytes} bytes: refused`,
            "Check the archive comes from a trusted build; decompress it yourself (gunzip) and use the .tar, or raise the limit if the image really is that large."
          )
        );
        return;
      }
      done(null, chunk);
    }
  });
}
function makeSource(name, files, image, cleanup) {
  const manifestBytes = /* @__PURE__ */ new Map();
  for (const m of [...image.manifests, ...image.referrers]) manifestBytes.set(m.descriptor.digest, m);
  let closed = false;
  return {
    name,
    root: image.root,
    manifests: image.manifests,
    blobs: image.blobs,
    referrers: image.referrers,
    openBlob(digest) {
      const loc = image.locations.get(digest);
      if (loc) return "data" in loc ? bufferStream(loc.data) : files.open(loc.path);
      const manifest = manifestBytes.get(digest);
      if (manifest) return bufferStream(manifest.bytes);
      throw sourceInput(
        "SOURCE_BLOB_UNKNOWN",
        `${name} has no blob ${digest}`,
        "Only blobs listed in the source can be read; report this as a bug if harbor-gate asked for it."
      );
    },
    blobFile(digest) {
      const loc = image.locations.get(digest);
      return loc && "path" in loc ? files.range(loc.path) : void 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      await cleanup();
    }
  };
}
async function openSource(spec, opts = {}) {
  const logger = opts.logger ?? silentLogger;
  const tmpDir = opts.tmpDir ?? os2.tmpdir();
  const name = formatSource(spec);
  let cleanup = () => Promise.resolve();
  try {
    let archive;
    let ref = spec.ref;
    if (spec.kind === "docker-daemon") {
      const saved = await saveFromDaemon(spec.path, {
        dockerCommand: opts.dockerCommand ?? "docker",
        tmpDir,
        env: opts.env ?? process.env,
        logger
      });
      cleanup = saved.cleanup;
      archive = saved.file;
      ref = void 0;
    } else {
      const target = path4.resolve(opts.cwd ?? process.cwd(), spec.path);
      const st = await statPath(target, spec);
      if (spec.kind === "oci") {
        if (!st.isDirectory()) {
          throw invalidSpec(
            name,
            `${target} is not a directory (for an OCI tarball use oci-archive:${spec.path})`
          );
        }
        const files2 = new DirFiles(target);
        const image2 = await readOciLayout(files2, { ref, logger });
        return makeSource(name, files2, image2, cleanup);
      }
      if (!st.isFile()) {
        throw invalidSpec(name, `${target} is not a file (for a layout directory use oci:${spec.path})`);
      }
      const plain = await plainTar(target, tmpDir, logger, { ...DEFAULT_GUNZIP_LIMITS, ...opts.gunzip });
      cleanup = plain.cleanup;
      archive = plain.file;
    }
    const files = await TarFiles.open(archive);
    const image = spec.kind === "oci-archive" ? await readOciLayout(files, { ref, logger }) : await readDockerArchive(files, { ref, logger });
    logger.debug(
      `${name}: root ${image.root.descriptor.digest}, ${image.manifests.length} manifests, ${image.blobs.length} blobs, ${image.referrers.length} referrers`
    );
    return makeSource(name, files, image, cleanup);
  } catch (e) {
    await cleanup();
    if (isGateError(e)) throw e;
    throw readFailed(name, e);
  }
}

// src/oci/index.ts
function createRegistryClient(opts) {
  let caPem;
  if (opts.caFile) {
    try {
      caPem = fs6.readFileSync(opts.caFile, "utf8");
    } catch (e) {
      throw inputError(
        "CA_FILE_UNREADABLE",
        `cannot read --ca-file ${opts.caFile}: ${describe(e)}`,
        "Give a readable PEM file with the CA certificate(s).",
        e
      );
    }
    if (!caPem.includes("-----BEGIN CERTIFICATE-----")) {
      throw inputError(
        "CA_FILE_UNREADABLE",
        `--ca-file ${opts.caFile} holds no PEM certificate`,
        "Give a PEM file (-----BEGIN CERTIFICATE-----)."
      );
    }
  }
  const http = new HttpClient({
    env: opts.env,
    logger: opts.logger,
    ...caPem ? { caPem } : {},
    ...opts.maxSockets ? { maxSockets: opts.maxSockets } : {},
    ...opts.clock ? { clock: opts.clock } : {}
  });
  const credentials = defaultCredentials({
    env: opts.env,
    logger: opts.logger,
    ...opts.username !== void 0 ? { username: opts.username } : {},
    ...opts.password !== void 0 ? { password: opts.password } : {},
    ...opts.hosts !== void 0 ? { hosts: opts.hosts } : {},
    ...opts.redactor ? { redactor: opts.redactor } : {}
  });
  return new RegistryClient({
    http,
    credentials,
    logger: opts.logger,
    ...opts.redactor ? { redactor: opts.redactor } : {},
    ...opts.plainHttp !== void 0 ? { plainHttp: opts.plainHttp } : {}
  });
}

export {
  normaliseHost,
  staticCredentials,
  forHost,
  chainCredentials,
  gitlabCredentials,
  dockerConfigPath,
  runCredentialHelper,
  dockerConfigCredentials,
  containersAuthCredentials,
  defaultCredentials,
  limit,
  DEFAULT_CONCURRENCY,
  HEAD_CONCURRENCY,
  pushImage,
  formatBytes,
  rate,
  pushSummary,
  logProgress,
  ttyProgress,
  createProgress,
  parseSource,
  openSource,
  createRegistryClient
};
