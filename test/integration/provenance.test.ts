/**
 * SLSA build provenance end to end through the CLI, against the Harbor-compatible server in front
 * of the real docker-registry: `gate --provenance` in a GitHub-shaped and a GitLab-shaped job
 * (keyless with the offline Sigstore services and a CI-shaped OIDC token, and key-signed from the
 * CI's variables) leaves an attestation that `verify --require-provenance` accepts for the right
 * builder and source and refuses for another; a missing CI value pushes nothing; outside CI it is
 * refused.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import { slsaProvenanceValidator } from '../helpers/schemas.js';
import { writeOciLayout } from '../fixtures/images.js';
import {
  KEY_PASSWORD,
  PASSWORD,
  ROBOT,
  startGateEnv,
  type GateEnv,
  type Run,
} from '../helpers/harbor-env.js';
import {
  DEFAULT_IDENTITY,
  GITHUB_OIDC_PATH,
  GITHUB_RUNTIME_TOKEN,
  startSigstoreServices,
  type SigstoreServices,
} from '../servers/sigstore.js';
import {
  GITHUB_CLAIMS,
  GITHUB_ENV,
  GITLAB_CLAIMS,
  GITLAB_SELF_MANAGED_ENV,
  SHA,
} from '../fixtures/provenance.js';

let env: GateEnv;
let svc: SigstoreServices;

beforeAll(async () => {
  env = await startGateEnv();
  svc = await startSigstoreServices();
});
afterAll(async () => {
  await env.stop();
  await svc.close();
});

interface GateJson {
  verdict: string;
  digest: string;
  provenanceDigest: string | null;
  steps: Record<string, { status: string; digest?: string; error?: { code: string } }>;
}

interface VerifyJson {
  verified: boolean;
  provenance?: {
    ok: boolean;
    reason: string;
    builderId: string | null;
    sourceRepo: string | null;
    sourceRef: string | null;
    commit: string | null;
    invocationId: string | null;
    attestation: { digest: string; signer: string | null } | null;
  };
}

const sigstore = ['--fulcio-url', '', '--rekor-url', ''];
const withSigstore = (): string[] => sigstore.map((a) => (a === '' ? svc.url : a));

async function gate(
  name: string,
  extra: string[],
  ciEnv: NodeJS.ProcessEnv,
): Promise<{ run: Run; digest: string }> {
  const img = await env.image(name);
  const run = await env.cli(
    [
      ...env.gateArgs(`${env.harbor.host}/team/${name}:1`, img.dir),
      '--no-scan',
      '--provenance',
      '--json',
      ...extra,
    ],
    ciEnv,
  );
  return { run, digest: img.digest };
}

function verify(name: string, digest: string, trust: string[], provenance: string[]): Promise<Run> {
  return env.cli([
    'verify',
    '--image',
    `${env.harbor.host}/team/${name}@${digest}`,
    '--username',
    ROBOT,
    ...trust,
    '--require-provenance',
    ...provenance,
    '--json',
  ]);
}

/** The robot's registry client (through the Harbor front). */
function robotClient(): RegistryClient {
  return new RegistryClient({
    http: new HttpClient({ env: {} }),
    credentials: () => Promise.resolve({ username: ROBOT, password: PASSWORD }),
  });
}

/** The in-toto statement inside the provenance referrer, as anyone pulling it would read it. */
async function statementOf(name: string, referrer: string): Promise<unknown> {
  const client = robotClient();
  try {
    const repo = client.repository(env.harbor.host, `team/${name}`);
    const m = JSON.parse((await repo.fetchManifest(referrer))!.bytes.toString('utf8'));
    const bundle = JSON.parse((await repo.fetchBlob(m.layers[0])).toString('utf8'));
    return JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
  } finally {
    client.close();
  }
}

const GH_BUILDER = 'https://github.com/acme/build/.github/workflows/reusable.yml@refs/tags/v2';
const GH_REPO = 'https://github.com/acme/app';

describe('gate --provenance on GitHub Actions', () => {
  it('keyless: built from the job token’s claims; verify accepts the builder and source, refuses others', async () => {
    Object.assign(svc.githubClaims, GITHUB_CLAIMS);
    const { run, digest } = await gate('gh-keyless', withSigstore(), {
      GITHUB_ACTIONS: 'true',
      ACTIONS_ID_TOKEN_REQUEST_URL: `${svc.url}${GITHUB_OIDC_PATH}?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_RUNTIME_TOKEN,
    });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as GateJson;
    expect(out.steps.provenance?.status).toBe('ok');
    // One token to check the claims before the push, one for the signature, and one fetched when
    // the provenance is signed (a token checked before a long push may have expired since).
    expect(svc.hits.get(GITHUB_OIDC_PATH)).toBe(3);
    expect(out.provenanceDigest).toBe(out.steps.provenance?.digest);
    const statement = await statementOf('gh-keyless', out.provenanceDigest!);
    expect(slsaProvenanceValidator()(statement)).toEqual([]);
    expect(statement).toMatchObject({
      subject: [{ digest: { sha256: digest.slice('sha256:'.length) } }],
      predicate: { buildDefinition: { internalParameters: { harborgate_source: 'oidc-token' } } },
    });

    const trust = [
      '--trusted-root',
      svc.trustedRootPath,
      '--certificate-identity',
      DEFAULT_IDENTITY.subject,
      '--certificate-oidc-issuer',
      DEFAULT_IDENTITY.issuer,
    ];
    const ok = await verify('gh-keyless', digest, trust, [
      '--builder-id',
      GH_BUILDER,
      '--source-repo',
      GH_REPO,
      '--source-ref',
      'refs/heads/main',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as VerifyJson).provenance).toMatchObject({
      ok: true,
      builderId: GH_BUILDER,
      sourceRepo: GH_REPO,
      sourceRef: 'refs/heads/main',
      commit: SHA,
      invocationId: 'https://github.com/acme/app/actions/runs/42/attempts/2',
      attestation: { digest: out.provenanceDigest, signer: DEFAULT_IDENTITY.subject },
    });

    const otherBuilder = await verify('gh-keyless', digest, trust, [
      '--builder-id',
      'https://github.com/acme/app/.github/workflows/evil.yml@refs/heads/main',
      '--source-repo',
      GH_REPO,
    ]);
    expect(otherBuilder.code).toBe(1);
    expect((JSON.parse(otherBuilder.stdout) as VerifyJson).provenance?.reason).toContain('builder id is');
    const otherRepo = await verify('gh-keyless', digest, trust, [
      '--builder-id',
      GH_BUILDER,
      '--source-repo',
      'https://github.com/acme/fork',
    ]);
    expect(otherRepo.code).toBe(1);
    expect((JSON.parse(otherRepo.stdout) as VerifyJson).provenance?.reason).toContain(
      'source repository is https://github.com/acme/app, not https://github.com/acme/fork',
    );
    const otherRef = await verify('gh-keyless', digest, trust, [
      '--builder-id',
      GH_BUILDER,
      '--source-repo',
      GH_REPO,
      '--source-ref',
      'refs/heads/dev',
    ]);
    expect(otherRef.code).toBe(1);
    // Another signer's trust: the attestation does not verify, so nothing matches.
    const otherSigner = await verify(
      'gh-keyless',
      digest,
      [
        '--trusted-root',
        svc.trustedRootPath,
        '--certificate-identity',
        'https://github.com/evil/x',
        '--certificate-oidc-issuer',
        DEFAULT_IDENTITY.issuer,
      ],
      ['--builder-id', GH_BUILDER, '--source-repo', GH_REPO],
    );
    expect(otherSigner.code).toBe(1);
    expect((JSON.parse(otherSigner.stdout) as VerifyJson).provenance?.ok).toBe(false);
  });

  it('key-signed: from the GITHUB_* variables; verify with the key accepts it, another key does not', async () => {
    const { run, digest } = await gate('gh-key', ['--signing-key', env.keyFile], {
      ...GITHUB_ENV,
      HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD,
    });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as GateJson;
    const statement = await statementOf('gh-key', out.provenanceDigest!);
    expect(slsaProvenanceValidator()(statement)).toEqual([]);
    expect(statement).toMatchObject({
      predicate: { buildDefinition: { internalParameters: { harborgate_source: 'environment' } } },
    });
    const builder = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main';
    const ok = await verify(
      'gh-key',
      digest,
      ['--key', env.pubFile],
      ['--builder-id', builder, '--source-repo', GH_REPO],
    );
    expect(ok.code, ok.stderr).toBe(0);
    const other = await verify(
      'gh-key',
      digest,
      ['--key', path.resolve('test/fixtures/keys/cosign-p256.pub')],
      ['--builder-id', builder, '--source-repo', GH_REPO],
    );
    expect(other.code).toBe(1);
    expect((JSON.parse(other.stdout) as VerifyJson).provenance).toMatchObject({
      ok: false,
      attestation: null,
    });
  });

  it('a CI variable that is missing fails before anything is pushed', async () => {
    const ciEnv: NodeJS.ProcessEnv = { ...GITHUB_ENV, HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD };
    delete ciEnv.GITHUB_WORKFLOW_REF;
    const { run, digest } = await gate('gh-missing', ['--signing-key', env.keyFile], ciEnv);
    expect(run.code).toBe(2);
    const out = JSON.parse(run.stdout) as GateJson;
    expect(out.steps.inputs?.error?.code).toBe('PROVENANCE_MISSING_CI_VALUE');
    expect(run.stderr + run.stdout).toContain('GITHUB_WORKFLOW_REF');
    expect(out.steps.push?.status).toBe('skipped');
    const repo = robotClient();
    try {
      expect(await repo.repository(env.harbor.host, 'team/gh-missing').fetchManifest(digest)).toBeUndefined();
    } finally {
      repo.close();
    }
  });

  it('outside CI: refused with exit 2, --report-only or not', async () => {
    const { run } = await gate('laptop', ['--report-only', '--signing-key', env.keyFile], {
      HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD,
    });
    expect(run.code).toBe(2);
    expect(run.stderr + run.stdout).toContain('PROVENANCE_NOT_IN_CI');
  });
});

describe('gate --provenance on GitLab CI', () => {
  const GL_REPO = 'https://gitlab.example.com:8443/platform/images/app';
  const GL_BUILDER = `${GL_REPO}/-/runners/5`;

  it('self-managed, key-signed: from the CI_* variables; verify accepts the runner and project', async () => {
    const { run, digest } = await gate('gl-key', ['--signing-key', env.keyFile], {
      ...GITLAB_SELF_MANAGED_ENV,
      HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD,
      DOCKER_CONFIG: env.tmp,
    });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as GateJson;
    expect(slsaProvenanceValidator()(await statementOf('gl-key', out.provenanceDigest!))).toEqual([]);
    const ok = await verify(
      'gl-key',
      digest,
      ['--key', env.pubFile],
      ['--builder-id', GL_BUILDER, '--source-repo', GL_REPO, '--source-ref', 'refs/tags/v1.2.3'],
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as VerifyJson).provenance).toMatchObject({
      ok: true,
      commit: SHA,
      invocationId: `${GL_REPO}/-/jobs/912`,
    });
    const otherRunner = await verify(
      'gl-key',
      digest,
      ['--key', env.pubFile],
      ['--builder-id', `${GL_REPO}/-/runners/6`, '--source-repo', GL_REPO],
    );
    expect(otherRunner.code).toBe(1);
  });

  it('keyless with id_tokens (SIGSTORE_ID_TOKEN): from the token’s claims', async () => {
    const identity = {
      subject: 'https://gitlab.example.com/platform/app//.gitlab-ci.yml@refs/heads/main',
      issuer: 'https://gitlab.example.com',
    };
    const { run, digest } = await gate('gl-keyless', withSigstore(), {
      GITLAB_CI: 'true',
      SIGSTORE_ID_TOKEN: svc.token(identity, GITLAB_CLAIMS),
    });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as GateJson;
    expect(slsaProvenanceValidator()(await statementOf('gl-keyless', out.provenanceDigest!))).toEqual([]);
    const ok = await verify(
      'gl-keyless',
      digest,
      [
        '--trusted-root',
        svc.trustedRootPath,
        '--certificate-identity',
        identity.subject,
        '--certificate-oidc-issuer',
        identity.issuer,
      ],
      [
        '--builder-id',
        'https://gitlab.example.com/platform/app/-/runners/5',
        '--source-repo',
        'https://gitlab.example.com/platform/app',
      ],
    );
    expect(ok.code, ok.stderr).toBe(0);
  });
});

describe('formats and platforms', () => {
  it('--signature-format both --recursive: a bundle and a .att layer for the index and each platform, each verifying', async () => {
    const dir = path.join(env.tmp, 'layout-multi');
    const img = await writeOciLayout(dir, {
      layers: 1,
      layerSize: 512,
      random: true,
      seed: `multi-${Date.now()}`,
      platforms: ['linux/amd64', 'linux/arm64'],
    });
    const run = await env.cli(
      [
        ...env.gateArgs(`${env.harbor.host}/team/multi:1`, dir),
        '--no-scan',
        '--provenance',
        '--json',
        '--signing-key',
        env.keyFile,
        '--signature-format',
        'both',
        '--recursive',
      ],
      { ...GITHUB_ENV, HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD },
    );
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as GateJson & {
      steps: { provenance: { format: string; detail: string } };
    };
    expect(out.steps.provenance.format).toBe('bundle, legacy');
    // The index and its two platforms, in two formats each.
    expect(out.steps.provenance.detail).toContain('6 attestations');
    const client = robotClient();
    try {
      const repo = client.repository(env.harbor.host, 'team/multi');
      for (const digest of [img.rootDigest, ...Object.values(img.platformManifests)]) {
        const att = await repo.fetchManifest(`sha256-${digest.slice('sha256:'.length)}.att`);
        expect(att, `.att of ${digest}`).toBeDefined();
        const layers = JSON.parse(att!.bytes.toString('utf8')).layers as {
          annotations: Record<string, string>;
        }[];
        expect(layers.map((l) => l.annotations.predicateType)).toContain('https://slsa.dev/provenance/v1');
      }
    } finally {
      client.close();
    }
    for (const digest of Object.values(img.platformManifests)) {
      const ok = await verify(
        'multi',
        digest,
        ['--key', env.pubFile],
        [
          '--builder-id',
          'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
          '--source-repo',
          GH_REPO,
        ],
      );
      // Platform manifests carry provenance; verify needs their signature too (--recursive signed them).
      expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    }
  });

  it('--signature-format legacy: the .att layer alone is what verify reads', async () => {
    const { run, digest } = await gate(
      'legacy',
      ['--signing-key', env.keyFile, '--signature-format', 'legacy'],
      {
        ...GITHUB_ENV,
        HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const ok = await verify(
      'legacy',
      digest,
      ['--key', env.pubFile],
      [
        '--builder-id',
        'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
        '--source-repo',
        GH_REPO,
        '--json',
      ],
    );
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
  });
});

describe('the provenance command', () => {
  it('attaches provenance to an image already pushed', async () => {
    const img = await env.image('pushed');
    const ref = `${env.harbor.host}/team/pushed:1`;
    const push = await env.cli(['push', '--image', ref, '--source', `oci:${img.dir}`, '--username', ROBOT]);
    expect(push.code, push.stderr).toBe(0);
    const signed = await env.cli(
      ['sign', '--image', ref, '--username', ROBOT, '--signing-key', env.keyFile],
      {
        HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD,
      },
    );
    expect(signed.code, signed.stderr).toBe(0);
    const run = await env.cli(
      ['provenance', '--image', ref, '--username', ROBOT, '--signing-key', env.keyFile, '--json'],
      { ...GITHUB_ENV, HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      subject: img.digest,
      source: 'environment',
      sourceRepo: GH_REPO,
      commit: SHA,
    });
    const ok = await verify(
      'pushed',
      img.digest,
      ['--key', env.pubFile],
      [
        '--builder-id',
        'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
        '--source-repo',
        GH_REPO,
      ],
    );
    expect(ok.code, ok.stderr).toBe(0);
  });
});
