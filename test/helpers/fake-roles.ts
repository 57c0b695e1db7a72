/**
 * In-memory fakes of the gate's roles (src/gate/roles.ts): a registry target, its SBOM referrers,
 * a verifier and attestation reader, a vulnerability source, a signer and a clock. They record what was called, in order, and can be told to fail.
 */
import crypto from 'node:crypto';
import type { Clock, Finding, ScanReport } from '../../src/core/index.js';
import { emptyCounts } from '../../src/core/index.js';
import { GateError, type ErrorCode } from '../../src/errors.js';
import type {
  AttestationReader,
  AttestationWritten,
  ImageSigner,
  ImageTarget,
  ProvenanceWritten,
  ResolvedTrust,
  Roles,
  SbomReferrers,
  SignatureCheck,
  SignatureVerifier,
  SignatureWritten,
  VexAttestations,
  VulnerabilitySource,
} from '../../src/gate/index.js';
import type { VerdictPredicate } from '../../src/sign/index.js';
import { parseVexDocument } from '../../src/vex/index.js';
import type { Descriptor, PushResult } from '../../src/oci/index.js';
import { harborTarget } from '../../src/harbor/index.js';
import { parseReference } from '../../src/oci/index.js';
import { silentLogger, type Logger } from '../../src/logger.js';

/** What the fake signer's provenance names. */
export const FAKE_PROVENANCE = {
  builderId: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
  sourceRepo: 'https://github.com/acme/app',
  sourceRef: 'refs/heads/main',
  commit: 'a'.repeat(40),
  invocationId: 'https://github.com/acme/app/actions/runs/1/attempts/1',
};

export const digestOf = (s: string): string =>
  `sha256:${crypto.createHash('sha256').update(s).digest('hex')}`;

export interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

export function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export type Failure = Partial<
  Record<
    | 'checkPush'
    | 'push'
    | 'resolve'
    | 'sbom'
    | 'sign'
    | 'scan'
    | 'preflight'
    | 'verify'
    | 'vex'
    | 'verdict'
    | 'provenancePrepare'
    | 'provenance',
    GateError
  >
>;

export const infra = (code: ErrorCode): GateError =>
  new GateError({ code, message: `${code} happened`, remedy: 'Do the thing.', kind: 'infra' });
export const input = (code: ErrorCode): GateError =>
  new GateError({ code, message: `${code} happened`, remedy: 'Fix the input.', kind: 'input' });

export function finding(id: string, severity: Finding['severity'], fixVersion?: string): Finding {
  return {
    id,
    package: `pkg-${id.toLowerCase()}`,
    version: '1.0.0',
    ...(fixVersion ? { fixVersion } : {}),
    severity,
    links: [],
    cweIds: [],
  };
}

export function report(digest: string, findings: Finding[]): ScanReport {
  const counts = emptyCounts();
  for (const f of findings) counts[f.severity]++;
  return {
    digest,
    status: 'Success',
    scanner: { name: 'Trivy', vendor: 'Aqua Security', version: '0.50.0' },
    findings,
    counts,
    fixable: findings.filter((f) => f.fixVersion).length,
  };
}

export interface FakeWorld {
  roles: Roles;
  events: string[];
  fail: Failure;
  findings: Finding[];
  /** Signatures already on the image, as the target's verify reports them. */
  signatures: SignatureCheck[];
  /** Resolved when the scan has started; signing can wait on it to prove both run at once. */
  scanStarted: Deferred;
  /** When set, signing waits for the scan to start (or for this many ms) before it ends. */
  signWaitsForScan: boolean;
  /** Whether signing saw the scan already running. */
  signSawScan: boolean;
  descriptor: Descriptor;
  /** What the target's vexAttestations answers (--vex-from-image), and the trust it was asked with. */
  vexAttestations: VexAttestations;
  vexTrust?: ResolvedTrust;
  /** Verdict attestations attached (attestVerdict), in order. */
  verdicts: VerdictPredicate[];
  /** Provenance attached (attestProvenance): the subjects, in order. */
  provenance: string[];
}

export function fakeWorld(image = 'harbor.example.com/team/app:1', logger: Logger = silentLogger): FakeWorld {
  const ref = parseReference(image);
  const descriptor: Descriptor = {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: digestOf(image),
    size: 1234,
  };
  let now = Date.parse('2026-12-01T12:00:00Z');
  const clock: Clock = {
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
  const world: FakeWorld = {
    events: [],
    fail: {},
    findings: [],
    signatures: [],
    scanStarted: deferred(),
    signWaitsForScan: false,
    signSawScan: false,
    descriptor,
    vexAttestations: { statements: [], applied: [], ignored: [] },
    verdicts: [],
    provenance: [],
    roles: undefined as unknown as Roles,
  };
  const ev = (e: string): void => {
    world.events.push(e);
  };
  const maybeFail = (what: keyof Failure): void => {
    const e = world.fail[what];
    if (e) throw e;
  };
  const target: ImageTarget = {
    name: `${ref.registry}/${ref.repository}`,
    resolve(reference) {
      ev(`resolve ${reference}`);
      maybeFail('resolve');
      return Promise.resolve(descriptor);
    },
    checkPush() {
      // No event: asking opens and cancels an upload, which leaves nothing in the registry.
      maybeFail('checkPush');
      return Promise.resolve();
    },
    push(source, tags) {
      ev(`push ${source}`);
      maybeFail('push');
      const result: PushResult = {
        image: image,
        digest: descriptor.digest,
        mediaType: descriptor.mediaType,
        tags: [ref.tag ?? 'latest', ...tags],
        tagAssumed: ref.tag === undefined && ref.digest === undefined,
        bytesUploaded: 2048,
        blobsSkipped: 0,
        blobsMounted: 0,
        blobsUploaded: 2,
        manifestsPushed: 1,
        referrersPushed: 0,
        seconds: 0.1,
      };
      return Promise.resolve({ descriptor, result });
    },
    tag(_d, tags) {
      ev(`tag ${tags.join(',')}`);
      return Promise.resolve();
    },
  };
  const sboms: SbomReferrers = {
    attachSbom(subject, sbom) {
      ev(`sbom ${sbom.format}`);
      maybeFail('sbom');
      return Promise.resolve({
        digest: digestOf(`sbom-of-${subject.digest}`),
        artifactType: 'application/vnd.cyclonedx+json',
        referrersApi: true,
        sbomDigest: digestOf('sbom'),
      });
    },
    validSbom() {
      ev('validSbom');
      return Promise.resolve({ rejected: [] });
    },
  };
  const verifier: SignatureVerifier = {
    verify(digest, trust: ResolvedTrust) {
      ev(`verify ${trust.description}`);
      maybeFail('verify');
      const signatures = world.signatures.map((s) => ({ ...s }));
      return Promise.resolve({
        verified: signatures.some((s) => s.ok),
        signatures,
        sbom: null,
        ...(signatures.some((s) => s.ok) ? {} : { reason: `no signature of ${digest} verifies` }),
      });
    },
  };
  const attestations: AttestationReader = {
    vexAttestations(digest, trust) {
      ev(`vex attestations ${trust.description}`);
      maybeFail('vex');
      world.vexTrust = trust;
      return Promise.resolve(world.vexAttestations);
    },
    gateVerdict(digest, trust, opts) {
      ev(`gate verdict ${trust.description}`);
      const latest = world.verdicts.at(-1);
      if (!latest) return Promise.resolve({ ok: false, reason: `no verdict for ${digest}`, ignored: [] });
      const age = opts.now.getTime() - Date.parse(latest.gatedOn);
      const ok = latest.verdict === 'pass' && (opts.maxAgeMs === undefined || age <= opts.maxAgeMs);
      return Promise.resolve({ ok, reason: ok ? 'passed' : 'not passed', predicate: latest, ignored: [] });
    },
    provenance(digest, trust, expect) {
      ev(`provenance ${trust.description}`);
      const ok = world.provenance.includes(digest) && expect.builderId === FAKE_PROVENANCE.builderId;
      return Promise.resolve({
        ok,
        reason: ok ? 'matches' : 'no match',
        ...(ok ? { facts: FAKE_PROVENANCE } : {}),
        ignored: [],
      });
    },
  };
  let scanning = false;
  const vulnerabilities: VulnerabilitySource = {
    baseUrl: 'https://harbor.example.com',
    target: harborTarget(ref, 'https://harbor.example.com'),
    preflight() {
      ev('preflight');
      maybeFail('preflight');
      return Promise.resolve({ warnings: [], version: 'v2.14.0' });
    },
    async scan(digest) {
      ev('scan start');
      scanning = true;
      world.scanStarted.resolve();
      await Promise.resolve();
      maybeFail('scan');
      ev('scan end');
      return report(digest, world.findings);
    },
    projectSettings() {
      return Promise.resolve({
        settings: {
          projectId: 1,
          name: 'team',
          public: false,
          preventVul: false,
          autoScan: false,
          autoSbomGeneration: false,
          contentTrustCosign: false,
          contentTrustNotation: false,
          reuseSysCveAllowlist: true,
          projectAllowlist: { ids: [], scope: 'project' },
        },
        allowlists: [],
      });
    },
    generateSbom() {
      return Promise.resolve({ sbomDigest: digestOf('generated'), mediaType: 'application/spdx+json' });
    },
  };
  const signer: ImageSigner = {
    supersede() {
      ev('supersede');
      return Promise.resolve({ deleted: [], failed: [], referrers: 0 });
    },
    ownTrust() {
      return Promise.resolve({ key: 'PEM', description: 'the gate’s signing key' });
    },
    async sign(digest, opts) {
      ev('sign start');
      if (world.signWaitsForScan) {
        await Promise.race([world.scanStarted.promise, new Promise((r) => setTimeout(r, 2000))]);
        world.signSawScan = scanning;
      }
      maybeFail('sign');
      ev('sign end');
      const s: SignatureWritten = {
        subject: digest,
        digest: digestOf(`sig-${digest}`),
        format: opts.format === 'legacy' ? 'legacy' : 'bundle',
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      };
      return [s];
    },
    attestSbom(digest): Promise<AttestationWritten> {
      ev('attest sbom');
      return Promise.resolve({
        subject: digest,
        digest: digestOf(`att-${digest}`),
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        predicateType: 'https://cyclonedx.org/bom',
        referrersApi: true,
      });
    },
    attestScan(digest): Promise<AttestationWritten> {
      ev('attest scan');
      return Promise.resolve({
        subject: digest,
        digest: digestOf(`vuln-${digest}`),
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        predicateType: 'https://cosign.sigstore.dev/attestation/vuln/v1',
        referrersApi: true,
      });
    },
    attestVerdict(digest, predicate): Promise<AttestationWritten> {
      ev(`attest verdict ${predicate.verdict}`);
      maybeFail('verdict');
      world.verdicts.push(predicate);
      return Promise.resolve({
        subject: digest,
        digest: digestOf(`verdict-${digest}-${world.verdicts.length}`),
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        predicateType: 'https://harbor-gate.dev/attestation/verdict/v1',
        referrersApi: true,
      });
    },
    attestVex(digest, vex) {
      ev(`attest vex ${vex.name}`);
      const doc = parseVexDocument(vex.document, vex.name);
      return Promise.resolve({
        subject: digest,
        digest: digestOf(`vex-${digest}-${vex.name}`),
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        predicateType: 'https://openvex.dev/ns',
        referrersApi: true,
        converted: doc.format === 'cyclonedx',
        statements: doc.statements.length,
        warnings: doc.warnings,
      });
    },
    prepareProvenance(ci) {
      ev(`prepare provenance ${ci}`);
      maybeFail('provenancePrepare');
      return Promise.resolve({ source: 'environment', facts: FAKE_PROVENANCE });
    },
    attestProvenance(digest, opts) {
      ev(`attest provenance ${opts.format}`);
      maybeFail('provenance');
      world.provenance.push(digest);
      const written: ProvenanceWritten[] = [
        {
          subject: digest,
          digest: digestOf(`provenance-${digest}`),
          format: opts.format === 'legacy' ? 'legacy' : 'bundle',
          artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          referrersApi: true,
        },
      ];
      return Promise.resolve({ source: 'environment' as const, facts: FAKE_PROVENANCE, written });
    },
  };
  world.roles = { target, sboms, verifier, attestations, vulnerabilities, signer, clock, logger };
  return world;
}
