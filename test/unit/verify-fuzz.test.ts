/**
 * Verification fails closed and never crashes: real signatures made with a test key, then
 * mutated (bundles, in-toto statements, legacy simple-signing payloads and annotations, referrer
 * and `.sig` manifests), pushed to the in-memory registry, and verified both through the library
 * (verifyImage) and the CLI (`verify --json`). Every outcome must be verified true or false with a
 * reason, exit 0 or 1: never a throw, never exit 3, never a stack, never a control character.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '../../src/embedded/registry.js';
import { HttpClient } from '../../src/http/client.js';
import { pushArtifact } from '../../src/oci/artifact.js';
import { RegistryClient, type Repository } from '../../src/oci/registry.js';
import { digestOf } from '../../src/oci/verify.js';
import { MediaType, type Descriptor } from '../../src/oci/types.js';
import { findValidSbom } from '../../src/sign/sbom-find.js';
import {
  Annotation,
  BUNDLE_MEDIA_TYPE,
  SIMPLE_SIGNING_MEDIA_TYPE,
  legacyAnnotationsFromBundle,
  legacyConfig,
  legacySignatureTag,
} from '../../src/sign/formats.js';
import { verifyImage, type VerifyImageResult } from '../../src/sign/verify-image.js';
import { SigningSession } from '../../src/sign/signer.js';
import { PredicateType, signatureStatement, simpleSigningPayload } from '../../src/sign/statement.js';
import { runCli } from '../helpers/cli.js';

const REPO = 'fuzz/app';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const STACK = /\n\s+at |INTERNAL|TypeError|unexpected error/;
const EVIL = 'x\n::error title=Injected::forged\u001b[2J\u001b]8;;https://evil.example\u0007';

let reg: EmbeddedRegistry;
let client: RegistryClient;
let repo: Repository;
let tmp: string;
let pubFile: string;
let signer: crypto.KeyObject;
let session: SigningSession;
let otherSession: SigningSession;
let imageCount = 0;

type Json = Record<string, unknown>;

interface Ctx {
  subject: Descriptor;
}

interface Case {
  name: string;
  /** Pushes whatever the case needs as referrers / `.sig` tag of `subject`. */
  setup: (ctx: Ctx) => Promise<void>;
  /** What verify must answer. */
  verified: boolean;
  /** At least one candidate must be listed as rejected (the hostile one is reported, not dropped). */
  rejected?: boolean;
}

async function newImage(): Promise<Descriptor> {
  const n = ++imageCount;
  const config = await repo.pushBlobBytes(
    Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', n })),
    MediaType.OciConfig,
  );
  const layer = await repo.pushBlobBytes(Buffer.from(`layer ${n}`), MediaType.OciLayer);
  const bytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }),
  );
  const res = await repo.pushManifest(`img-${n}`, bytes, MediaType.OciManifest);
  return { mediaType: MediaType.OciManifest, digest: res.digest, size: bytes.length };
}

/** Signs any bytes as a DSSE in-toto payload with the test key (the crypto is genuine). */
async function sign(statement: unknown, s: SigningSession = session): Promise<Json> {
  const bytes = Buffer.isBuffer(statement) ? statement : Buffer.from(JSON.stringify(statement));
  return await s.signStatement(bytes);
}

async function pushBundle(
  subject: Descriptor,
  layer: Buffer,
  opts: { predicateType?: string; layerMediaType?: string } = {},
): Promise<void> {
  await pushArtifact(repo, {
    subject,
    artifactType: BUNDLE_MEDIA_TYPE,
    layers: [{ mediaType: opts.layerMediaType ?? BUNDLE_MEDIA_TYPE, data: layer }],
    annotations: { [Annotation.BundlePredicateType]: opts.predicateType ?? PredicateType.CosignSign },
  });
}

/** A manifest the registry's own checks would refuse, written straight into its store. */
function storeRaw(
  manifest: Buffer,
  opts: { subject?: string; artifactType?: string; tag?: string; annotations?: Record<string, string> },
): string {
  const store = reg.handler.store;
  const r = store.repo(REPO, true)!;
  const digest = digestOf(manifest);
  r.manifests.set(digest, {
    bytes: manifest,
    mediaType: MediaType.OciManifest,
    ...(opts.subject ? { subject: opts.subject } : {}),
    ...(opts.artifactType ? { artifactType: opts.artifactType } : {}),
    ...(opts.annotations ? { annotations: opts.annotations } : {}),
    seq: store.nextSeq(),
  });
  if (opts.tag) r.tags.set(opts.tag, digest);
  return digest;
}

function storeBlob(bytes: Buffer): Descriptor {
  const store = reg.handler.store;
  const digest = digestOf(bytes);
  store.blobs.set(digest, bytes);
  store.repo(REPO, true)!.blobs.add(digest);
  return { mediaType: BUNDLE_MEDIA_TYPE, digest, size: bytes.length };
}

let rawCount = 0;

function rawReferrer(subject: Descriptor, manifest: unknown): void {
  // Distinct bytes per referrer (a manifest is stored by digest), whatever its shape.
  const bytes = Buffer.isBuffer(manifest)
    ? Buffer.concat([manifest, Buffer.from(' '.repeat(++rawCount))])
    : Buffer.from(JSON.stringify({ ...(manifest as Json), nonce: ++rawCount }));
  storeRaw(bytes, {
    subject: subject.digest,
    artifactType: BUNDLE_MEDIA_TYPE,
    annotations: { [Annotation.BundlePredicateType]: PredicateType.CosignSign },
  });
}

async function validBundle(subject: Descriptor, s: SigningSession = session): Promise<Json> {
  return sign(signatureStatement(subject.digest), s);
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function envelope(b: Json): Json {
  return b.dsseEnvelope as Json;
}

/** A statement about the subject, with `mutate` applied to it. */
function statement(subject: Descriptor, mutate: (st: Json) => void): Json {
  const st = clone(signatureStatement(subject.digest)) as unknown as Json;
  mutate(st);
  return st;
}

const hex = (d: Descriptor): string => d.digest.slice('sha256:'.length);

/** The legacy `.sig` manifest for subject with the given layers (pushed through the API). */
async function pushLegacy(
  subject: Descriptor,
  layers: { payload: Buffer; annotations: Record<string, string> }[],
): Promise<void> {
  const descs: Descriptor[] = [];
  for (const l of layers) {
    const d = await repo.pushBlobBytes(l.payload, SIMPLE_SIGNING_MEDIA_TYPE);
    descs.push({
      mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
      digest: d.digest,
      size: d.size,
      annotations: l.annotations,
    });
  }
  const config = await repo.pushBlobBytes(legacyConfig(descs.map((d) => d.digest)), MediaType.OciConfig);
  const manifest = { schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: descs };
  await repo.pushManifest(
    legacySignatureTag(subject.digest),
    Buffer.from(JSON.stringify(manifest)),
    MediaType.OciManifest,
  );
}

async function legacyLayer(
  payload: Buffer,
  s: SigningSession = session,
): Promise<{ payload: Buffer; annotations: Record<string, string> }> {
  const bundle = await s.signMessage(payload);
  return { payload, annotations: legacyAnnotationsFromBundle(bundle) };
}

function simplePayload(subject: Descriptor, mutate?: (p: Json) => void): Buffer {
  const p = JSON.parse(simpleSigningPayload(`127.0.0.1/${REPO}`, subject.digest).toString('utf8')) as Json;
  mutate?.(p);
  return Buffer.from(JSON.stringify(p));
}

// ---- the cases ----------------------------------------------------------------------------------

/** Bundles that are broken as bundles (crypto or structure). */
const bundleMutations: [string, (b: Json, subject: Descriptor) => unknown][] = [
  ['bundle: mediaType removed', (b) => Reflect.deleteProperty(b, 'mediaType')],
  [
    'bundle: mediaType of another version',
    (b) => void (b.mediaType = 'application/vnd.dev.sigstore.bundle+json;version=9'),
  ],
  ['bundle: dsseEnvelope removed', (b) => Reflect.deleteProperty(b, 'dsseEnvelope')],
  ['bundle: dsseEnvelope null', (b) => void (b.dsseEnvelope = null)],
  ['bundle: dsseEnvelope a string', (b) => void (b.dsseEnvelope = 'x')],
  ['bundle: payload not base64', (b) => void (envelope(b).payload = '%%%not base64%%%')],
  ['bundle: payload empty', (b) => void (envelope(b).payload = '')],
  [
    'bundle: payload of another statement',
    (b) => {
      const other = signatureStatement(`sha256:${'0'.repeat(64)}`);
      envelope(b).payload = Buffer.from(JSON.stringify(other)).toString('base64');
    },
  ],
  ['bundle: payloadType changed after signing', (b) => void (envelope(b).payloadType = 'text/plain')],
  ['bundle: payloadType with control characters', (b) => void (envelope(b).payloadType = EVIL)],
  ['bundle: signatures empty', (b) => void (envelope(b).signatures = [])],
  ['bundle: signatures null', (b) => void (envelope(b).signatures = null)],
  [
    'bundle: two signatures',
    (b) => {
      const sigs = envelope(b).signatures as Json[];
      envelope(b).signatures = [sigs[0], sigs[0]];
    },
  ],
  [
    'bundle: signature bit flipped',
    (b) => {
      const sig = (envelope(b).signatures as Json[])[0]!;
      const raw = Buffer.from(sig.sig as string, 'base64');
      raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
      sig.sig = raw.toString('base64');
    },
  ],
  ['bundle: signature not base64', (b) => void ((envelope(b).signatures as Json[])[0]!.sig = '***')],
  ['bundle: verificationMaterial removed', (b) => Reflect.deleteProperty(b, 'verificationMaterial')],
  ['bundle: verificationMaterial null', (b) => void (b.verificationMaterial = null)],
  [
    // The hint and unknown fields are not signed content: the key decides (as in cosign).
    'bundle: public key hint changed (still verifies)',
    (b) => {
      const vm = b.verificationMaterial as Json;
      vm.publicKey = { hint: EVIL };
    },
  ],
  [
    'bundle: a certificate instead of the key',
    (b) => {
      const vm = b.verificationMaterial as Json;
      delete vm.publicKey;
      vm.certificate = { rawBytes: Buffer.from('not a certificate').toString('base64') };
    },
  ],
  [
    'bundle: tlog entry junk',
    (b) => {
      const vm = b.verificationMaterial as Json;
      vm.tlogEntries = [
        { logIndex: 'x', logId: null, kindVersion: 7, integratedTime: {}, canonicalizedBody: EVIL },
      ];
    },
  ],
  [
    'bundle: messageSignature instead of DSSE',
    (b) => {
      delete b.dsseEnvelope;
      b.messageSignature = { messageDigest: { algorithm: 'SHA2_256', digest: 'AAAA' }, signature: 'AAAA' };
    },
  ],
  ['bundle: a JSON array', () => [1, 2, 3]],
  ['bundle: JSON null', () => null],
  ['bundle: a number', () => 42],
  ['bundle: nested 100000 deep', () => Buffer.from('['.repeat(100_000) + ']'.repeat(100_000))],
  ['bundle: 1 MiB of junk field (still verifies)', (b) => void (b.junk = 'A'.repeat(1024 * 1024))],
];

/** Statements signed for real with the test key: only the statement checks can reject them. */
const statementMutations: [string, (st: Json, subject: Descriptor) => void, boolean][] = [
  [
    'statement: subject digest null (the INTERNAL crash on main)',
    (st) => void ((st.subject as Json[])[0]!.digest = null),
    false,
  ],
  [
    'statement: subject digest absent',
    (st) => Reflect.deleteProperty((st.subject as Json[])[0]!, 'digest'),
    false,
  ],
  [
    'statement: subject digest a string',
    (st, s) => void ((st.subject as Json[])[0]!.digest = s.digest),
    false,
  ],
  [
    'statement: subject digest an array',
    (st, s) => void ((st.subject as Json[])[0]!.digest = [hex(s)]),
    false,
  ],
  ['statement: subject digest a number', (st) => void ((st.subject as Json[])[0]!.digest = 7), false],
  ['statement: sha256 null', (st) => void ((st.subject as Json[])[0]!.digest = { sha256: null }), false],
  ['statement: sha256 a number', (st) => void ((st.subject as Json[])[0]!.digest = { sha256: 123 }), false],
  [
    'statement: sha256 upper case',
    (st, s) => void ((st.subject as Json[])[0]!.digest = { sha256: hex(s).toUpperCase() }),
    false,
  ],
  [
    'statement: sha256 of another image',
    (st) => void ((st.subject as Json[])[0]!.digest = { sha256: 'f'.repeat(64) }),
    false,
  ],
  [
    'statement: digest hidden under __proto__',
    (st, s) => {
      (st.subject as Json[])[0]!.digest = JSON.parse(`{"__proto__":{"sha256":"${hex(s)}"}}`) as Json;
    },
    false,
  ],
  [
    'statement: digest key with control characters',
    (st) => void ((st.subject as Json[])[0]!.digest = { [EVIL]: EVIL }),
    false,
  ],
  ['statement: subject null', (st) => void (st.subject = null), false],
  ['statement: subject empty', (st) => void (st.subject = []), false],
  ['statement: subject an object', (st, s) => void (st.subject = { digest: { sha256: hex(s) } }), false],
  ['statement: subject [null]', (st) => void (st.subject = [null]), false],
  ['statement: subject ["string"]', (st) => void (st.subject = ['sha256']), false],
  [
    'statement: 10000 subjects, none ours',
    (st) => {
      st.subject = Array.from({ length: 10_000 }, (_, i) => ({
        digest: { sha256: i.toString(16).padStart(64, '0') },
      }));
    },
    false,
  ],
  [
    'statement: ours among 1000 others',
    (st, s) => {
      st.subject = [
        ...Array.from({ length: 1000 }, (_, i) => ({ digest: { sha256: i.toString(16).padStart(64, '0') } })),
        { digest: { sha256: hex(s) } },
      ];
    },
    true,
  ],
  ['statement: predicateType a number', (st) => void (st.predicateType = 1), false],
  ['statement: predicateType absent', (st) => Reflect.deleteProperty(st, 'predicateType'), false],
  ['statement: predicateType an injection (not a signature)', (st) => void (st.predicateType = EVIL), false],
  ['statement: _type wrong', (st) => void (st._type = 'https://example.com/Statement/v9'), false],
  ['statement: _type absent', (st) => Reflect.deleteProperty(st, '_type'), false],
  [
    'statement: predicate junk, otherwise valid',
    (st) => void (st.predicate = { a: [null, EVIL, { b: 1e308 }] }),
    true,
  ],
  [
    'statement: predicate a huge string, otherwise valid',
    (st) => void (st.predicate = 'p'.repeat(200_000)),
    true,
  ],
  [
    'statement: SPDX predicate type with a junk predicate (not a signature, not an SBOM)',
    (st) => {
      st.predicateType = PredicateType.Spdx;
      st.predicate = { spdxVersion: EVIL };
    },
    false,
  ],
];

/** Payloads signed for real, but not statements at all. */
const payloadMutations: [string, Buffer][] = [
  ['payload: not JSON', Buffer.from('not json {')],
  ['payload: JSON null', Buffer.from('null')],
  ['payload: JSON array', Buffer.from('[]')],
  ['payload: JSON string', Buffer.from(JSON.stringify(EVIL))],
  ['payload: empty', Buffer.from('')],
  ['payload: invalid UTF-8', Buffer.from([0xff, 0xfe, 0x00, 0x7b])],
];

/** Legacy `.sig` payloads, signed for real. */
const legacyMutations: [string, (p: Json, s: Descriptor) => void, boolean][] = [
  ['control: a valid legacy signature', () => undefined, true],
  [
    'legacy: digest of another image',
    (p) => void (((p.critical as Json).image as Json)['docker-manifest-digest'] = `sha256:${'e'.repeat(64)}`),
    false,
  ],
  [
    'legacy: digest null',
    (p) => void (((p.critical as Json).image as Json)['docker-manifest-digest'] = null),
    false,
  ],
  [
    'legacy: digest a number',
    (p) => void (((p.critical as Json).image as Json)['docker-manifest-digest'] = 5),
    false,
  ],
  [
    'legacy: digest an injection',
    (p) => void (((p.critical as Json).image as Json)['docker-manifest-digest'] = EVIL),
    false,
  ],
  ['legacy: image null', (p) => void ((p.critical as Json).image = null), false],
  ['legacy: image a string', (p, s) => void ((p.critical as Json).image = s.digest), false],
  ['legacy: critical null', (p) => void (p.critical = null), false],
  ['legacy: critical a string', (p) => void (p.critical = 'critical'), false],
  ['legacy: type wrong', (p) => void ((p.critical as Json).type = 'atomic container signature'), false],
  ['legacy: type absent', (p) => Reflect.deleteProperty(p.critical as Json, 'type'), false],
];

/** Legacy annotations broken after signing a valid payload. */
const legacyAnnotationMutations: [string, (a: Record<string, string>) => void][] = [
  ['legacy annotations: signature removed', (a) => Reflect.deleteProperty(a, Annotation.Signature)],
  ['legacy annotations: signature junk', (a) => void (a[Annotation.Signature] = EVIL)],
  ['legacy annotations: signature empty', (a) => void (a[Annotation.Signature] = '')],
  [
    'legacy annotations: certificate junk',
    (a) =>
      void (a[Annotation.Certificate] = `-----BEGIN CERTIFICATE-----\n${EVIL}\n-----END CERTIFICATE-----`),
  ],
  ['legacy annotations: rekor bundle not JSON', (a) => void (a[Annotation.RekorBundle] = '{not json')],
  ['legacy annotations: rekor bundle without Payload', (a) => void (a[Annotation.RekorBundle] = '{}')],
  ['legacy annotations: RFC 3161 timestamp junk', (a) => void (a[Annotation.Rfc3161] = '[]')],
];

const cases: Case[] = [
  {
    name: 'control: a valid bundle verifies',
    setup: async ({ subject }) =>
      pushBundle(subject, Buffer.from(JSON.stringify(await validBundle(subject)))),
    verified: true,
  },
  {
    name: 'control: signed by another key',
    setup: async ({ subject }) =>
      pushBundle(subject, Buffer.from(JSON.stringify(await validBundle(subject, otherSession)))),
    verified: false,
    rejected: true,
  },
  ...bundleMutations.map(([name, mutate]): Case => ({
    name,
    setup: async ({ subject }) => {
      const b = clone(await validBundle(subject));
      const out = mutate(b, subject);
      const bytes = Buffer.isBuffer(out) ? out : Buffer.from(JSON.stringify(out === undefined ? b : out));
      await pushBundle(subject, bytes);
    },
    verified: name.includes('(still verifies)'),
    rejected: !name.includes('(still verifies)'),
  })),
  ...statementMutations.map(([name, mutate, ok]): Case => ({
    name,
    setup: async ({ subject }) => {
      const st = statement(subject, (s) => {
        mutate(s, subject);
      });
      const pt = typeof st.predicateType === 'string' ? st.predicateType : PredicateType.CosignSign;
      await pushBundle(subject, Buffer.from(JSON.stringify(await sign(st))), { predicateType: pt });
    },
    verified: ok,
    rejected: !ok && !name.includes('not a signature'),
  })),
  ...payloadMutations.map(([name, payload]): Case => ({
    name,
    setup: async ({ subject }) => pushBundle(subject, Buffer.from(JSON.stringify(await sign(payload)))),
    verified: false,
    rejected: true,
  })),
  ...legacyMutations.map(([name, mutate, ok]): Case => ({
    name,
    setup: async ({ subject }) => {
      await pushLegacy(subject, [await legacyLayer(simplePayload(subject, (p) => mutate(p, subject)))]);
    },
    verified: ok,
    rejected: !ok,
  })),
  ...legacyAnnotationMutations.map(([name, mutate]): Case => ({
    name,
    setup: async ({ subject }) => {
      const l = await legacyLayer(simplePayload(subject));
      mutate(l.annotations);
      await pushLegacy(subject, [l]);
    },
    verified: false,
    rejected: true,
  })),
  // Referrer manifests the registry's own checks would refuse: written into its store.
  ...(
    [
      ['manifest: not JSON', Buffer.from('{nope')],
      ['manifest: JSON null', Buffer.from('null')],
      ['manifest: layers a string', { schemaVersion: 2, layers: 'x' }],
      ['manifest: layers [null]', { schemaVersion: 2, layers: [null] }],
      [
        'manifest: layer digest invalid',
        { schemaVersion: 2, layers: [{ mediaType: BUNDLE_MEDIA_TYPE, digest: EVIL, size: 1 }] },
      ],
      [
        'manifest: layer size negative',
        {
          schemaVersion: 2,
          layers: [{ mediaType: BUNDLE_MEDIA_TYPE, digest: `sha256:${'a'.repeat(64)}`, size: -1 }],
        },
      ],
      [
        'manifest: layer media type a number',
        { schemaVersion: 2, layers: [{ mediaType: 5, digest: `sha256:${'a'.repeat(64)}`, size: 1 }] },
      ],
      ['manifest: no bundle layer', { schemaVersion: 2, layers: [] }],
    ] as [string, unknown][]
  ).map(([name, manifest]): Case => ({
    name,
    setup: ({ subject }) => {
      rawReferrer(subject, manifest);
      return Promise.resolve();
    },
    verified: false,
    rejected: true,
  })),
  {
    name: 'manifest: two bundle layers',
    setup: async ({ subject }) => {
      const b = storeBlob(Buffer.from(JSON.stringify(await validBundle(subject))));
      rawReferrer(subject, { schemaVersion: 2, layers: [b, b] });
    },
    verified: false,
    rejected: true,
  },
  {
    name: 'manifest: bundle layer missing from the registry',
    setup: ({ subject }) => {
      rawReferrer(subject, {
        schemaVersion: 2,
        layers: [{ mediaType: BUNDLE_MEDIA_TYPE, digest: `sha256:${'b'.repeat(64)}`, size: 10 }],
      });
      return Promise.resolve();
    },
    verified: false,
    rejected: true,
  },
  {
    name: 'manifest: bundle layer declared smaller than it is',
    setup: async ({ subject }) => {
      const b = storeBlob(Buffer.from(JSON.stringify(await validBundle(subject))));
      rawReferrer(subject, { schemaVersion: 2, layers: [{ ...b, size: 10 }] });
    },
    verified: false,
    rejected: true,
  },
  {
    name: 'manifest: bundle layer declared 10 GiB',
    setup: async ({ subject }) => {
      const b = storeBlob(Buffer.from(JSON.stringify(await validBundle(subject))));
      rawReferrer(subject, { schemaVersion: 2, layers: [{ ...b, size: 10 * 1024 ** 3 }] });
    },
    verified: false,
    rejected: true,
  },
  {
    name: 'legacy manifest: layers not a list',
    setup: ({ subject }) => {
      storeRaw(Buffer.from(JSON.stringify({ schemaVersion: 2, layers: { a: 1 } })), {
        tag: legacySignatureTag(subject.digest),
      });
      return Promise.resolve();
    },
    verified: false,
    rejected: true,
  },
  {
    name: 'legacy manifest: not JSON',
    setup: ({ subject }) => {
      storeRaw(Buffer.from('\u001b[2J::error::x'), { tag: legacySignatureTag(subject.digest) });
      return Promise.resolve();
    },
    verified: false,
    rejected: true,
  },
  // One hostile referrer does not hide a good signature: each is judged on its own.
  {
    name: 'mixed: a null-digest statement next to a valid bundle',
    setup: async ({ subject }) => {
      const st = statement(subject, (s) => void ((s.subject as Json[])[0]!.digest = null));
      await pushBundle(subject, Buffer.from(JSON.stringify(await sign(st))));
      await pushBundle(subject, Buffer.from(JSON.stringify(await validBundle(subject))));
    },
    verified: true,
    rejected: true,
  },
  {
    name: 'mixed: a junk referrer manifest next to a valid legacy signature',
    setup: async ({ subject }) => {
      rawReferrer(subject, { schemaVersion: 2, layers: 'x' });
      await pushLegacy(subject, [await legacyLayer(simplePayload(subject))]);
    },
    verified: true,
    rejected: true,
  },
  {
    name: 'mixed: a forged legacy layer next to a valid one',
    setup: async ({ subject }) => {
      const bad = await legacyLayer(simplePayload(subject), otherSession);
      await pushLegacy(subject, [bad, await legacyLayer(simplePayload(subject))]);
    },
    verified: true,
    rejected: true,
  },
];

function checkOutcome(res: VerifyImageResult, c: Case): void {
  expect(typeof res.verified).toBe('boolean');
  expect(res.verified, JSON.stringify(res.signatures.map((s) => s.reason))).toBe(c.verified);
  if (!res.verified) expect(res.reason).toMatch(/\S/);
  if (c.rejected) expect(res.signatures.some((s) => !s.ok)).toBe(true);
  for (const s of res.signatures) {
    expect(s.reason).toMatch(/\S/);
    expect(s.reason.length).toBeLessThanOrEqual(1000);
    expect(s.reason).not.toMatch(CONTROL);
    expect(s.reason).not.toMatch(/(^|\s)::/);
    expect(s.reason).not.toMatch(STACK);
  }
}

const subjects = new Map<string, Descriptor>();

beforeAll(async () => {
  reg = await startEmbeddedRegistry();
  client = new RegistryClient({ http: new HttpClient({ env: {} }) });
  repo = client.repository(reg.host, REPO);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-fuzz-'));
  const pair = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  signer = pair.privateKey;
  pubFile = path.join(tmp, 'cosign.pub');
  fs.writeFileSync(pubFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  session = new SigningSession({ key: signer, env: {} });
  otherSession = new SigningSession({
    key: crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
    env: {},
  });
  for (const c of cases) {
    const subject = await newImage();
    subjects.set(c.name, subject);
    await c.setup({ subject });
  }
}, 120_000);

afterAll(async () => {
  client.close();
  await reg.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('verify fails closed on mutated signatures, statements, payloads and manifests', () => {
  it('throws at least 50 mutated inputs', () => {
    const mutated = cases.filter((c) => !c.name.startsWith('control:'));
    expect(mutated.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases.map((c) => [c.name, c] as const))('library: %s', async (_name, c) => {
    const subject = subjects.get(c.name)!;
    const res = await verifyImage(repo, subject.digest, { key: fs.readFileSync(pubFile, 'utf8') });
    checkOutcome(res, c);
  });

  it.each(cases.map((c) => [c.name, c] as const))('CLI: %s', async (_name, c) => {
    const subject = subjects.get(c.name)!;
    const r = await runCli(
      ['verify', '--image', `${reg.host}/${REPO}@${subject.digest}`, '--key', pubFile, '--json'],
      { HOME: tmp, DOCKER_CONFIG: tmp },
    );
    expect(r.code, r.err).toBe(c.verified ? 0 : 1);
    expect(r.err).not.toMatch(STACK);
    expect(r.err).not.toMatch(CONTROL);
    expect(r.out).not.toMatch(CONTROL);
    const json = JSON.parse(r.out) as VerifyImageResult;
    checkOutcome(json, c);
  });
});

describe("verifyImage with the gate's own signing key", () => {
  it('accepts the private signing key itself as the trust and says which signature verified', async () => {
    const subject = subjects.get('mixed: a null-digest statement next to a valid bundle')!;
    const res = await verifyImage(repo, subject.digest, { key: signer, legacy: false });
    expect(res.verified).toBe(true);
    const ok = res.signatures.filter((s) => s.ok);
    expect(ok).toHaveLength(1);
    expect(ok[0]!.identity).toMatch(/^key:/);
    expect(res.signatures.find((s) => !s.ok)!.reason).toMatch(/statement is about/);
  });

  it('another key finds nothing it trusts', async () => {
    const subject = subjects.get('control: a valid bundle verifies')!;
    const other = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const res = await verifyImage(repo, subject.digest, { key: other });
    expect(res).toMatchObject({ verified: false, reason: 'no signature from the expected signer verified' });
  });
});

describe('findValidSbom: an SBOM referrer counts only if it validates', () => {
  const SBOMS = path.join(import.meta.dirname, '..', 'fixtures', 'sbom');

  async function sbomReferrer(subject: Descriptor, artifactType: string, data: Buffer): Promise<string> {
    const r = await pushArtifact(repo, {
      subject,
      artifactType,
      layers: [{ mediaType: artifactType, data }],
    });
    return r.descriptor.digest;
  }

  it('rejects junk, invalid and injected documents with reasons, and finds the valid one', async () => {
    const subject = await newImage();
    const junk = await sbomReferrer(subject, 'application/spdx+json', Buffer.from('{"hello":"world"}'));
    const invalid = await sbomReferrer(
      subject,
      'application/vnd.cyclonedx+json',
      fs.readFileSync(path.join(SBOMS, 'cyclonedx-1.6-invalid.json')),
    );
    const injected = await sbomReferrer(
      subject,
      'application/spdx+json',
      Buffer.from(JSON.stringify({ spdxVersion: EVIL })),
    );
    const notJson = await sbomReferrer(subject, 'application/spdx+json', Buffer.from('\u001b[2J::error::x'));
    const res0 = await findValidSbom(repo, subject.digest);
    expect(res0.sbom).toBeNull();
    // Tried newest first (by the created annotation): compared as a set.
    expect(res0.rejected.map((r) => r.digest).sort()).toEqual([junk, invalid, injected, notJson].sort());
    for (const r of res0.rejected) {
      expect(r.ok).toBe(false);
      expect(r.reason).toMatch(/SBOM_/);
      expect(r.reason).not.toMatch(CONTROL);
      expect(r.reason).not.toMatch(/(^|\s)::/);
    }
    const good = await sbomReferrer(
      subject,
      'application/spdx+json',
      fs.readFileSync(path.join(SBOMS, 'spdx-2.3.json')),
    );
    const res = await findValidSbom(repo, subject.digest);
    expect(res.sbom).toEqual({
      digest: good,
      format: 'spdx-2.3',
      artifactType: 'application/spdx+json',
      kind: 'artifact',
    });
    // The newest referrer, the valid one, is tried first: the older junk is not read at all.
    expect(res.rejected).toHaveLength(0);
  });

  it('bounds the bytes read: a larger SBOM is rejected before it is fetched', async () => {
    const subject = await newImage();
    await sbomReferrer(subject, 'application/spdx+json', fs.readFileSync(path.join(SBOMS, 'spdx-2.3.json')));
    const res = await findValidSbom(repo, subject.digest, { maxBytes: 100 });
    expect(res.sbom).toBeNull();
    expect(res.rejected[0]!.reason).toMatch(/over the 100 byte limit/);
  });

  it('verify --require-sbom does not count a junk SBOM artifact', async () => {
    const subject = subjects.get('control: a valid bundle verifies')!;
    await sbomReferrer(subject, 'application/spdx+json', Buffer.from('{"spdxVersion":"SPDX-2.3"}'));
    const res = await verifyImage(repo, subject.digest, { key: signer, requireSbom: true });
    expect(res).toMatchObject({
      verified: false,
      sbom: null,
      reason: 'no SBOM referrer found (--require-sbom)',
    });
  });
});
