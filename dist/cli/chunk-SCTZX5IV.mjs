import { createRequire as __hgCreateRequire } from 'node:module'; const require = __hgCreateRequire(import.meta.url);
import {
  inputError
} from "./chunk-66ENAOTL.mjs";

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
    const example = `harbor.example.com/${rest.includes("/") ? rest : `team/${rest}`}${digest !== void 0 ? `@${digest}` : ""}`;
    throw inputError(
      "REF_INVALID",
      `invalid image reference ${JSON.stringify(s)}: it has no registry host, so it would silently go to Docker Hub`,
      `Write the registry host first: ${example} (host[:port]/project/repository[:tag][@digest]); for Docker Hub write docker.io/${rest.includes("/") ? rest : `library/${rest}`} explicitly.`
    );
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

export {
  DOCKER_HUB_DISPLAY,
  DOCKER_HUB_REGISTRY,
  NAME_RE,
  TAG_RE,
  MAX_NAME_LENGTH,
  isValidDigest,
  makeReference,
  parseReference,
  parseRepositoryName
};
