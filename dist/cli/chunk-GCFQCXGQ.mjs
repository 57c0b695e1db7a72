import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  EMPTY_JSON,
  EMPTY_JSON_DIGEST,
  MANIFEST_ACCEPT,
  MAX_MANIFEST_BYTES,
  MediaType,
  digestOf,
  isValidDigest,
  nextLink,
  parseRegistryErrors
} from "./chunk-OXVCLDEF.mjs";
import {
  GateError
} from "./chunk-66ENAOTL.mjs";

// src/oci/referrers.ts
var ANNOTATION_CREATED = "org.opencontainers.image.created";
var MAX_REFERRER_PAGES = 50;
var MAX_REFERRERS = 1e4;
var MAX_INDEX_ATTEMPTS = 20;
var tuning = {
  settleMs: 60,
  sleep: (ms) => new Promise((resolve) => {
    setTimeout(resolve, ms);
  })
};
var apiSupport = /* @__PURE__ */ new WeakMap();
function cached(repo) {
  return apiSupport.get(repo.client)?.get(repo.registry);
}
function remember(repo, supported) {
  let m = apiSupport.get(repo.client);
  if (!m) {
    m = /* @__PURE__ */ new Map();
    apiSupport.set(repo.client, m);
  }
  if (m.get(repo.registry) !== supported) {
    repo.client.logger.debug(
      `${repo.registry}: referrers API ${supported ? "supported" : "not supported; using the referrers tag schema"}`
    );
  }
  m.set(repo.registry, supported);
}
function logger(repo) {
  return repo.client.logger;
}
function referrersTag(subjectDigest) {
  const i = subjectDigest.indexOf(":");
  if (i <= 0) {
    throw new GateError({
      code: "DIGEST_INVALID",
      message: `${JSON.stringify(subjectDigest)} is not a valid digest`,
      remedy: "Digests look like sha256:<64 lower-case hex>.",
      kind: "input"
    });
  }
  const clean = (s) => s.replace(/[^a-zA-Z0-9._-]/g, "-");
  return `${clean(subjectDigest.slice(0, i)).slice(0, 32)}-${clean(subjectDigest.slice(i + 1)).slice(0, 64)}`;
}
function rfc3339(d) {
  return d.toISOString().replace(/\.000Z$/, "Z");
}
function artifactManifest(opts) {
  const annotations = { ...opts.annotations ?? {} };
  if (opts.created !== null) annotations[ANNOTATION_CREATED] = rfc3339(opts.created ?? /* @__PURE__ */ new Date());
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    artifactType: opts.artifactType,
    config: {
      mediaType: MediaType.OciEmpty,
      digest: EMPTY_JSON_DIGEST,
      size: EMPTY_JSON.length,
      data: "e30="
    },
    layers: opts.layers,
    subject: { mediaType: opts.subject.mediaType, digest: opts.subject.digest, size: opts.subject.size },
    ...Object.keys(annotations).length > 0 ? { annotations } : {}
  };
  return { bytes: Buffer.from(JSON.stringify(manifest)), annotations };
}
var MEDIA_TYPE_RE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
function badArtifact(message) {
  return new GateError({
    code: "ARTIFACT_INVALID",
    message,
    remedy: "This is a bug in the caller: report it with the command line that led to it.",
    kind: "input"
  });
}
async function pushArtifact(repo, opts) {
  if (!isValidDigest(opts.subject.digest))
    throw badArtifact(`the subject digest ${opts.subject.digest} is invalid`);
  if (!MEDIA_TYPE_RE.test(opts.artifactType))
    throw badArtifact(`artifactType ${opts.artifactType} is not a media type`);
  if (opts.layers.length === 0) throw badArtifact("an artifact needs at least one layer");
  for (const l of opts.layers) {
    if (l.data.length === 0) throw badArtifact(`a ${l.mediaType} layer is empty`);
    if (!MEDIA_TYPE_RE.test(l.mediaType)) throw badArtifact(`layer media type ${l.mediaType} is invalid`);
  }
  await repo.pushBlobBytes(EMPTY_JSON, MediaType.OciEmpty);
  const layers = [];
  for (const l of opts.layers) {
    const d = await repo.pushBlobBytes(l.data, l.mediaType);
    layers.push({
      mediaType: l.mediaType,
      digest: d.digest,
      size: d.size,
      ...l.annotations ? { annotations: l.annotations } : {}
    });
  }
  const { bytes, annotations } = artifactManifest({ ...opts, layers });
  const digest = digestOf(bytes);
  const { headers } = await repo.pushManifest(digest, bytes, MediaType.OciManifest);
  const descriptor = {
    mediaType: MediaType.OciManifest,
    digest,
    size: bytes.length,
    artifactType: opts.artifactType,
    ...Object.keys(annotations).length > 0 ? { annotations } : {}
  };
  const referrersApi = await makeDiscoverable(repo, opts.subject.digest, descriptor, headers);
  logger(repo).debug(
    `pushed ${opts.artifactType} ${digest} for ${opts.subject.digest} (${referrersApi ? "referrers API" : `tag ${referrersTag(opts.subject.digest)}`})`
  );
  return { descriptor, referrersApi, manifest: bytes };
}
async function makeDiscoverable(repo, subjectDigest, descriptor, pushHeaders) {
  const subjectHeader = pushHeaders["oci-subject"];
  let referrersApi = false;
  if (subjectHeader === subjectDigest) {
    const known = cached(repo);
    referrersApi = known ?? await probeApi(repo, subjectDigest);
  } else {
    if (subjectHeader) {
      logger(repo).debug(
        `${repo.registry}: OCI-Subject ${subjectHeader} does not name the subject ${subjectDigest}`
      );
    }
    remember(repo, false);
  }
  if (!referrersApi) await addToReferrersIndex(repo, subjectDigest, descriptor);
  return referrersApi;
}
function referrerEntry(bytes, mediaType) {
  const doc = JSON.parse(bytes.toString("utf8"));
  const subject = doc.subject?.digest;
  if (typeof subject !== "string") return void 0;
  const artifactType = typeof doc.artifactType === "string" ? doc.artifactType : typeof doc.config?.mediaType === "string" ? doc.config.mediaType : void 0;
  return {
    subject,
    descriptor: {
      mediaType,
      digest: digestOf(bytes),
      size: bytes.length,
      ...artifactType !== void 0 ? { artifactType } : {},
      ...doc.annotations && Object.keys(doc.annotations).length > 0 ? { annotations: doc.annotations } : {}
    }
  };
}
async function referrersPage(repo, path, query) {
  const res = await repo.request({
    method: "GET",
    path,
    ...query ? { query } : {},
    headers: { Accept: MediaType.OciIndex },
    maxRedirects: 0,
    maxBytes: MAX_MANIFEST_BYTES
  });
  if (res.status === 429 || res.status >= 500) return { kind: "unavailable", why: `HTTP ${res.status}` };
  if (res.status !== 200) return { kind: "unsupported", why: `HTTP ${res.status}` };
  const type = (res.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== MediaType.OciIndex) return { kind: "unsupported", why: `content type ${type || "(none)"}` };
  const manifests = parseIndexManifests(res.body);
  if (!manifests) return { kind: "unsupported", why: "the body is not an OCI index" };
  const filtered = (res.headers["oci-filters-applied"] ?? "").split(",").map((s) => s.trim()).includes("artifactType");
  const next = nextLink(res.headers.link);
  return { kind: "index", manifests, filtered, ...next ? { next: new URL(next, res.url).toString() } : {} };
}
function parseIndexManifests(body) {
  try {
    const parsed = JSON.parse(body.toString("utf8"));
    if (typeof parsed !== "object" || parsed === null) return void 0;
    const idx = parsed;
    if (idx.schemaVersion !== 2 || !Array.isArray(idx.manifests)) return void 0;
    return idx.manifests;
  } catch {
    return void 0;
  }
}
async function probeApi(repo, subjectDigest) {
  const answer = await referrersPage(repo, `referrers/${subjectDigest}`);
  if (answer.kind === "unavailable") {
    logger(repo).warn(
      `${repo.registry}: the referrers API answered ${answer.why} after retries; writing the referrers tag as well`
    );
    return false;
  }
  const ok = answer.kind === "index";
  if (!ok) logger(repo).debug(`${repo.registry}: sent OCI-Subject, but GET /referrers gave ${answer.why}`);
  remember(repo, ok);
  return ok;
}
var tagLocks = /* @__PURE__ */ new Map();
async function withLock(key, fn) {
  const prev = tagLocks.get(key) ?? Promise.resolve();
  const run = prev.then(fn, fn);
  const tail = run.catch(() => void 0);
  tagLocks.set(key, tail);
  try {
    return await run;
  } finally {
    if (tagLocks.get(key) === tail) tagLocks.delete(key);
  }
}
function indexInvalid(repo, tag, why) {
  return new GateError({
    code: "REFERRERS_INDEX_INVALID",
    message: `the referrers tag ${repo.registry}/${repo.name}:${tag} does not hold an OCI image index (${why})`,
    remedy: `Something else was pushed to ${tag}; delete that tag (it is reserved for the referrers tag schema) and run again.`,
    kind: "infra"
  });
}
async function readTagIndex(repo, tag) {
  const res = await repo.request({
    method: "GET",
    path: `manifests/${tag}`,
    // Every manifest type, not only the index: registries 404 a type the Accept header leaves out
    // (distribution 2.8), and something else at the tag must be noticed, never overwritten.
    headers: { Accept: MANIFEST_ACCEPT },
    maxBytes: MAX_MANIFEST_BYTES
  });
  if (res.status === 404) return { doc: {}, manifests: [] };
  if (res.status !== 200) throw repo.error(res, `GET the referrers tag ${tag}`);
  const type = (res.headers["content-type"] ?? "").split(";")[0].trim();
  let parsed;
  try {
    parsed = JSON.parse(res.body.toString("utf8"));
  } catch {
    throw indexInvalid(repo, tag, "not JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw indexInvalid(repo, tag, "not an object");
  const doc = parsed;
  const mediaType = typeof doc.mediaType === "string" ? doc.mediaType : type;
  if (mediaType !== MediaType.OciIndex || doc.schemaVersion !== 2 || !Array.isArray(doc.manifests)) {
    throw indexInvalid(repo, tag, `media type ${mediaType || "(none)"}`);
  }
  const digest = digestOf(res.body);
  const header = res.headers["docker-content-digest"];
  if (header?.startsWith("sha256:") && header !== digest) {
    throw new GateError({
      code: "REGISTRY_BAD_RESPONSE",
      message: `${repo.registry} sent the referrers tag ${tag} with the digest ${header}, but its bytes hash to ${digest}`,
      remedy: "The registry or a proxy in front of it altered the content; check its configuration.",
      kind: "infra"
    });
  }
  const manifests = doc.manifests.filter(
    (m) => typeof m === "object" && m !== null && !Array.isArray(m)
  );
  if (manifests.length > MAX_REFERRERS) throw indexInvalid(repo, tag, `more than ${MAX_REFERRERS} entries`);
  return { doc, manifests, digest, ...res.headers.etag ? { etag: res.headers.etag } : {} };
}
function indexBytes(current, manifests) {
  const { manifests: _old, ...rest } = current.doc;
  return Buffer.from(JSON.stringify({ ...rest, schemaVersion: 2, mediaType: MediaType.OciIndex, manifests }));
}
var has = (idx, digest) => idx.manifests.some((m) => m.digest === digest);
async function addToReferrersIndex(repo, subjectDigest, desc) {
  const tag = referrersTag(subjectDigest);
  await withLock(`${repo.registry}/${repo.name}:${tag}`, async () => {
    let useIfMatch = true;
    let preconditionFailures = 0;
    let wrote = false;
    let confirmations = 0;
    for (let attempt = 1; attempt <= MAX_INDEX_ATTEMPTS; attempt++) {
      const t0 = Date.now();
      const current = await readTagIndex(repo, tag);
      if (has(current, desc.digest)) {
        if (!wrote || ++confirmations >= 2) return;
        await tuning.sleep(settle(Date.now() - t0));
        continue;
      }
      confirmations = 0;
      if (wrote)
        logger(repo).debug(`${tag}: ${desc.digest} was dropped by a concurrent writer; adding it again`);
      const entry = {
        mediaType: desc.mediaType,
        digest: desc.digest,
        size: desc.size,
        ...desc.artifactType ? { artifactType: desc.artifactType } : {},
        ...desc.annotations && Object.keys(desc.annotations).length > 0 ? { annotations: desc.annotations } : {}
      };
      const bytes = indexBytes(current, [...current.manifests, entry]);
      const res = await putIndex(repo, tag, bytes, useIfMatch ? current.etag : void 0);
      if (res.status === 412) {
        if (++preconditionFailures >= 3) useIfMatch = false;
        await tuning.sleep(settle(Date.now() - t0));
        continue;
      }
      if (res.status === 400 && parseRegistryErrors(res.body).some((e) => e.code === "MANIFEST_BLOB_UNKNOWN")) {
        const kept = await dropDangling(repo, current.manifests);
        if (kept.length === current.manifests.length) throw repo.error(res, `PUT the referrers tag ${tag}`);
        const retry = await putIndex(repo, tag, indexBytes(current, [...kept, entry]), void 0);
        if (![200, 201, 202, 204].includes(retry.status))
          throw repo.error(retry, `PUT the referrers tag ${tag}`);
      } else if (![200, 201, 202, 204].includes(res.status)) {
        throw repo.error(res, `PUT the referrers tag ${tag}`);
      }
      wrote = true;
      await tuning.sleep(settle(Date.now() - t0));
    }
    throw new GateError({
      code: "REFERRERS_UPDATE_FAILED",
      message: `could not keep ${desc.digest} in the referrers tag ${repo.registry}/${repo.name}:${tag} after ${MAX_INDEX_ATTEMPTS} attempts: other writers kept replacing it`,
      remedy: "Many clients are attaching to this image at the same time; run again, or attach one at a time.",
      kind: "infra"
    });
  });
}
function settle(roundTripMs) {
  const base = Math.max(tuning.settleMs, 2 * roundTripMs);
  return Math.round(base + Math.random() * base);
}
async function putIndex(repo, tag, bytes, etag) {
  return repo.request({
    method: "PUT",
    path: `manifests/${tag}`,
    headers: { "Content-Type": MediaType.OciIndex, ...etag ? { "If-Match": etag } : {} },
    body: bytes,
    push: true,
    maxBytes: 64 * 1024
  });
}
async function dropDangling(repo, entries) {
  const kept = [];
  for (const e of entries) {
    if (typeof e.digest === "string" && isValidDigest(e.digest) && await repo.resolve(e.digest))
      kept.push(e);
    else
      logger(repo).debug(`referrers tag: dropping ${String(e.digest)}, which is no longer in ${repo.name}`);
  }
  return kept;
}
function toDescriptor(v) {
  if (typeof v !== "object" || v === null) return void 0;
  const o = v;
  if (typeof o.mediaType !== "string" || typeof o.digest !== "string" || !isValidDigest(o.digest))
    return void 0;
  if (typeof o.size !== "number" || !Number.isSafeInteger(o.size) || o.size < 0) return void 0;
  const d = { mediaType: o.mediaType, digest: o.digest, size: o.size };
  if (typeof o.artifactType === "string") d.artifactType = o.artifactType;
  if (typeof o.annotations === "object" && o.annotations !== null && !Array.isArray(o.annotations)) {
    const ann = {};
    for (const [k, val] of Object.entries(o.annotations)) if (typeof val === "string") ann[k] = val;
    d.annotations = ann;
  }
  return d;
}
function collect(into, items, artifactType, repo) {
  for (const item of items) {
    const d = toDescriptor(item);
    if (!d) {
      logger(repo).debug(`referrers: ignoring a malformed descriptor from ${repo.registry}`);
      continue;
    }
    if (artifactType !== void 0 && d.artifactType !== artifactType) continue;
    if (into.some((x) => x.digest === d.digest)) continue;
    into.push(d);
  }
}
async function listReferrers(repo, subjectDigest, opts = {}) {
  if (!isValidDigest(subjectDigest)) {
    throw new GateError({
      code: "DIGEST_INVALID",
      message: `${JSON.stringify(subjectDigest)} is not a valid digest`,
      remedy: "Digests look like sha256:<64 lower-case hex>.",
      kind: "input"
    });
  }
  const out = [];
  if (cached(repo) !== false) {
    const query = opts.artifactType !== void 0 ? { artifactType: opts.artifactType } : void 0;
    let answer = await referrersPage(repo, `referrers/${subjectDigest}`, query);
    if (answer.kind === "index") {
      remember(repo, true);
      const origin = new URL(repo.url("")).origin;
      for (let page = 1; ; page++) {
        collect(out, answer.manifests, answer.filtered ? void 0 : opts.artifactType, repo);
        if (out.length > MAX_REFERRERS) throw tooMany(repo, subjectDigest);
        if (!answer.next) return out;
        if (new URL(answer.next).origin !== origin) {
          logger(repo).warn(`${repo.registry}: ignoring a referrers page link to another origin`);
          return out;
        }
        if (page >= MAX_REFERRER_PAGES) throw tooMany(repo, subjectDigest);
        answer = await referrersPage(repo, answer.next);
        if (answer.kind !== "index") {
          throw new GateError({
            code: "REFERRERS_BAD_RESPONSE",
            message: `${repo.registry} answered page ${page + 1} of the referrers of ${subjectDigest} with ${answer.why}`,
            remedy: "The registry is failing or misbehaving; run again, or check its logs.",
            kind: "infra"
          });
        }
      }
    }
    if (answer.kind === "unsupported") remember(repo, false);
    else
      logger(repo).warn(
        `${repo.registry}: the referrers API answered ${answer.why}; reading the referrers tag`
      );
  }
  const tag = referrersTag(subjectDigest);
  let index;
  try {
    index = await readTagIndex(repo, tag);
  } catch (e) {
    if (e instanceof GateError && e.code === "REFERRERS_INDEX_INVALID") {
      logger(repo).warn(e.message);
      return [];
    }
    throw e;
  }
  collect(out, index.manifests, opts.artifactType, repo);
  return out;
}
function tooMany(repo, subjectDigest) {
  return new GateError({
    code: "REFERRERS_BAD_RESPONSE",
    message: `${repo.registry} lists more than ${MAX_REFERRERS} referrers or ${MAX_REFERRER_PAGES} pages for ${subjectDigest}`,
    remedy: "Clean up old signatures and SBOMs of this image, or check the registry for a pagination loop.",
    kind: "infra"
  });
}

export {
  pushArtifact,
  makeDiscoverable,
  referrerEntry,
  listReferrers
};
