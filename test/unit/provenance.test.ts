/**
 * SLSA build provenance: every statement the gate writes is checked against the in-toto Statement
 * v1 layout and the SLSA v1 provenance field rules (test/fixtures/schemas, written from the
 * published specs), for GitHub keyless claims, GitHub's runner variables, GitLab.com and a
 * self-managed GitLab; and --provenance is refused outside CI whatever the other flags say.
 */
import { describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { resolveGateOptions } from '../../src/config/index.js';
import {
  GITHUB_WORKFLOW_BUILD_TYPE,
  GITLAB_BUILD_TYPE,
  SLSA_PROVENANCE_V1,
  buildStatement,
  githubFromClaims,
  githubFromEnv,
  githubServerOfIssuer,
  gitlabFromClaims,
  gitlabFromEnv,
  provenanceFacts,
  tokenClaims,
  type SlsaProvenance,
} from '../../src/sign/index.js';
import { gateJson, runSteps } from '../../src/gate/index.js';
import { readInputs, setOutputs, type ActionIO } from '../../src/action/main.js';
import { Redactor, silentLogger } from '../../src/logger.js';
import { parseReference } from '../../src/oci/index.js';
import { slsaProvenanceValidator } from '../helpers/schemas.js';
import { FAKE_PROVENANCE, fakeWorld, input } from '../helpers/fake-roles.js';
import {
  GITHUB_CLAIMS,
  GITHUB_ENV,
  GITLAB_CLAIMS,
  GITLAB_COM_ENV,
  GITLAB_SELF_MANAGED_ENV,
  SHA,
} from '../fixtures/provenance.js';

const validate = slsaProvenanceValidator();
const IMAGE_DIGEST = `sha256:${'ab'.repeat(32)}`;

/** The statement the gate signs for a predicate, validated as a whole. */
function statementErrors(predicate: SlsaProvenance): string[] {
  return validate(
    buildStatement({
      digest: IMAGE_DIGEST,
      predicateType: SLSA_PROVENANCE_V1,
      predicate,
      name: 'harbor.example.com/team/app',
    }),
  );
}

/** A copy without one key. */
function without(o: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
}

function codeOf(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof GateError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('did not throw');
}

describe('GitHub Actions provenance', () => {
  it('keyless: the predicate actions/attest-build-provenance writes, from the token claims', () => {
    const p = githubFromClaims(GITHUB_CLAIMS);
    expect(statementErrors(p)).toEqual([]);
    expect(p.buildDefinition.buildType).toBe(GITHUB_WORKFLOW_BUILD_TYPE);
    expect(p.buildDefinition.externalParameters).toEqual({
      workflow: {
        ref: 'refs/heads/main',
        repository: 'https://github.com/acme/app',
        path: '.github/workflows/release.yml',
      },
    });
    expect(p.buildDefinition.internalParameters).toEqual({
      github: {
        event_name: 'push',
        repository_id: '123456',
        repository_owner_id: '7890',
        runner_environment: 'github-hosted',
      },
      harborgate_source: 'oidc-token',
      harborgate_version: expect.any(String),
    });
    expect(p.buildDefinition.resolvedDependencies).toEqual([
      { uri: 'git+https://github.com/acme/app@refs/heads/main', digest: { gitCommit: SHA } },
    ]);
    // The builder is the job's workflow (here a reusable one), as Fulcio certifies it.
    expect(p.runDetails.builder.id).toBe(
      'https://github.com/acme/build/.github/workflows/reusable.yml@refs/tags/v2',
    );
    expect(p.runDetails.metadata?.invocationId).toBe(
      'https://github.com/acme/app/actions/runs/42/attempts/2',
    );
  });

  it('keyless: the server comes from the signed issuer (GHES, GHE.com), never from a variable', () => {
    expect(githubServerOfIssuer('https://token.actions.githubusercontent.com/acme-enterprise')).toBe(
      'https://github.com',
    );
    expect(githubServerOfIssuer('https://token.actions.octo.ghe.com')).toBe('https://octo.ghe.com');
    expect(githubServerOfIssuer('https://ghes.example.com/_services/token')).toBe('https://ghes.example.com');
    const ghes = githubFromClaims({ ...GITHUB_CLAIMS, iss: 'https://ghes.example.com/_services/token' });
    expect(statementErrors(ghes)).toEqual([]);
    expect(ghes.runDetails.builder.id).toBe(
      'https://ghes.example.com/acme/build/.github/workflows/reusable.yml@refs/tags/v2',
    );
    expect(codeOf(() => githubFromClaims({ ...GITHUB_CLAIMS, iss: 'https://gitlab.com' })).code).toBe(
      'PROVENANCE_BAD_TOKEN',
    );
  });

  it('keyless: a missing claim is an input error naming it', () => {
    for (const claim of ['job_workflow_ref', 'sha', 'run_attempt', 'repository_owner_id']) {
      const claims = without(GITHUB_CLAIMS, claim);
      const e = codeOf(() => githubFromClaims(claims));
      expect(e.code).toBe('PROVENANCE_MISSING_CLAIM');
      expect(e.message).toContain(`${claim} claim`);
    }
  });

  it('key-signed: from the runner variables (GITHUB_WORKFLOW_REF for the workflow), and says so', () => {
    const p = githubFromEnv(GITHUB_ENV);
    expect(statementErrors(p)).toEqual([]);
    expect(p.runDetails.builder.id).toBe(
      'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
    );
    expect(p.buildDefinition.internalParameters?.harborgate_source).toBe('environment');
    expect(p.runDetails.metadata?.invocationId).toBe(
      'https://github.com/acme/app/actions/runs/42/attempts/1',
    );
    // A tag with '@' in it (monorepo releases) stays whole.
    const tagged = githubFromEnv({
      ...GITHUB_ENV,
      GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/release.yml@refs/tags/pkg@1.0.0',
    });
    expect((tagged.buildDefinition.externalParameters.workflow as { ref: string }).ref).toBe(
      'refs/tags/pkg@1.0.0',
    );
  });

  it('key-signed: each missing variable is named, never guessed', () => {
    for (const v of Object.keys(GITHUB_ENV).filter((k) => k !== 'GITHUB_ACTIONS')) {
      const env = without(GITHUB_ENV, v) as NodeJS.ProcessEnv;
      const e = codeOf(() => githubFromEnv(env));
      expect(e.code, v).toBe('PROVENANCE_MISSING_CI_VALUE');
      expect(e.message).toContain(v);
    }
    expect(codeOf(() => githubFromEnv({ ...GITHUB_ENV, GITHUB_SHA: 'main' })).code).toBe(
      'PROVENANCE_BAD_CI_VALUE',
    );
  });
});

describe('GitLab CI provenance', () => {
  it('GitLab.com: our buildType, the runner builder id and the job URL', () => {
    const p = gitlabFromEnv(GITLAB_COM_ENV);
    expect(statementErrors(p)).toEqual([]);
    expect(p.buildDefinition.buildType).toBe(GITLAB_BUILD_TYPE);
    expect(p.buildDefinition.externalParameters).toEqual({
      project: { path: 'acme/app', url: 'https://gitlab.com/acme/app' },
      ref: 'refs/heads/main',
      pipelineSource: 'push',
      configPath: '.gitlab-ci.yml',
    });
    expect(p.buildDefinition.resolvedDependencies).toEqual([
      { uri: 'git+https://gitlab.com/acme/app@refs/heads/main', digest: { gitCommit: SHA } },
    ]);
    expect(p.runDetails.builder.id).toBe('https://gitlab.com/acme/app/-/runners/12270807');
    expect(p.runDetails.metadata?.invocationId).toBe('https://gitlab.com/acme/app/-/jobs/3003');
  });

  it('self-managed: a port, a subgroup and a tag pipeline', () => {
    const p = gitlabFromEnv(GITLAB_SELF_MANAGED_ENV);
    expect(statementErrors(p)).toEqual([]);
    expect(p.runDetails.builder.id).toBe('https://gitlab.example.com:8443/platform/images/app/-/runners/5');
    expect(provenanceFacts(p)).toEqual({
      facts: {
        builderId: 'https://gitlab.example.com:8443/platform/images/app/-/runners/5',
        sourceRepo: 'https://gitlab.example.com:8443/platform/images/app',
        sourceRef: 'refs/tags/v1.2.3',
        commit: SHA,
        invocationId: 'https://gitlab.example.com:8443/platform/images/app/-/jobs/912',
      },
    });
  });

  it('merge request pipelines name the merge request ref; a pipeline with no ref is refused', () => {
    const mr: Record<string, string> = {
      ...GITLAB_COM_ENV,
      CI_MERGE_REQUEST_REF_PATH: 'refs/merge-requests/7/head',
    };
    delete mr.CI_COMMIT_BRANCH;
    expect(gitlabFromEnv(mr).buildDefinition.externalParameters.ref).toBe('refs/merge-requests/7/head');
    const none: Record<string, string> = { ...GITLAB_COM_ENV };
    delete none.CI_COMMIT_BRANCH;
    expect(codeOf(() => gitlabFromEnv(none)).message).toContain('CI_COMMIT_BRANCH');
  });

  it('keyless: from the id_tokens claims', () => {
    const p = gitlabFromClaims(GITLAB_CLAIMS);
    expect(statementErrors(p)).toEqual([]);
    expect(p.runDetails.builder.id).toBe('https://gitlab.example.com/platform/app/-/runners/5');
    expect(p.runDetails.metadata?.invocationId).toBe('https://gitlab.example.com/platform/app/-/jobs/912');
    expect(p.buildDefinition.externalParameters.configPath).toBe('.gitlab-ci.yml');
    expect(p.buildDefinition.internalParameters?.harborgate_source).toBe('oidc-token');
    // Child pipelines have no ci_config_ref_uri (gitlab#422146): named, not guessed.
    const child: Record<string, unknown> = { ...GITLAB_CLAIMS };
    delete child.ci_config_ref_uri;
    expect(codeOf(() => gitlabFromClaims(child)).message).toContain('ci_config_ref_uri claim');
  });

  it('each missing variable is named', () => {
    for (const v of ['CI_SERVER_URL', 'CI_PROJECT_PATH', 'CI_RUNNER_ID', 'CI_JOB_URL', 'CI_CONFIG_PATH']) {
      const env = without(GITLAB_COM_ENV, v) as NodeJS.ProcessEnv;
      const e = codeOf(() => gitlabFromEnv(env));
      expect(e.code).toBe('PROVENANCE_MISSING_CI_VALUE');
      expect(e.message).toContain(v);
    }
  });
});

describe('reading provenance back', () => {
  it('reads builder, source, commit and run from GitHub and GitLab predicates alike', () => {
    expect(provenanceFacts(githubFromClaims(GITHUB_CLAIMS))).toEqual({
      facts: {
        builderId: 'https://github.com/acme/build/.github/workflows/reusable.yml@refs/tags/v2',
        sourceRepo: 'https://github.com/acme/app',
        sourceRef: 'refs/heads/main',
        commit: SHA,
        invocationId: 'https://github.com/acme/app/actions/runs/42/attempts/2',
      },
    });
    expect(provenanceFacts({ runDetails: { builder: { id: 'x' } } })).toHaveProperty('reason');
    expect(provenanceFacts(null)).toHaveProperty('reason');
    expect(provenanceFacts({ runDetails: { builder: { id: 7 } } })).toEqual({
      reason: 'the provenance has no runDetails.builder.id',
    });
  });

  it('reads a token’s claims, and refuses what is no JWT', () => {
    const jwt = `e30.${Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')}.sig`;
    expect(tokenClaims(jwt)).toEqual({ a: 1 });
    expect(codeOf(() => tokenClaims('not-a-jwt')).code).toBe('PROVENANCE_BAD_TOKEN');
  });

  it('the validator itself refuses what breaks the rules', () => {
    const bad = githubFromEnv(GITHUB_ENV) as unknown as Record<string, Record<string, unknown>>;
    const noBuildType = structuredClone(bad);
    delete noBuildType.buildDefinition!.buildType;
    expect(statementErrors(noBuildType as unknown as SlsaProvenance)).not.toEqual([]);
    const upper = structuredClone(bad);
    (upper.runDetails!.builder as { id: string }).id = 'HTTPS://GitHub.com/x';
    expect(statementErrors(upper as unknown as SlsaProvenance)).not.toEqual([]);
    const unnamespaced = structuredClone(bad);
    unnamespaced.runDetails!.extra = 1;
    expect(statementErrors(unnamespaced as unknown as SlsaProvenance)).not.toEqual([]);
  });
});

describe('--provenance outside CI', () => {
  const ctx = (env: NodeJS.ProcessEnv) => ({ env, cwd: '/tmp' });

  it('is refused (exit 2) whatever the other flags say, --report-only included', async () => {
    for (const extra of [{}, { 'report-only': true }, { 'no-sign': true }, { 'signing-key': 'k' }, {}]) {
      const e = await resolveGateOptions(
        { image: 'harbor.example.com/team/app:1', provenance: true, ...extra },
        ctx({}),
      ).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(GateError);
      expect((e as GateError).code).toBe('PROVENANCE_NOT_IN_CI');
      expect((e as GateError).exitCode).toBe(2);
    }
    // Even without --image: the refusal comes first.
    const e = await resolveGateOptions({ provenance: true }, ctx({})).catch((x: unknown) => x);
    expect((e as GateError).code).toBe('PROVENANCE_NOT_IN_CI');
    // The provenance command always attaches provenance: refused the same way.
    const cmd = await resolveGateOptions({ image: 'h.example.com/a/b:1' }, ctx({}), {
      sign: true,
      scan: false,
      provenance: true,
    }).catch((x: unknown) => x);
    expect((cmd as GateError).code).toBe('PROVENANCE_NOT_IN_CI');
  });

  it('is accepted in GitHub Actions and GitLab CI, and needs signing', async () => {
    const gh = await resolveGateOptions(
      { image: 'harbor.example.com/team/app:1', provenance: true, 'report-only': true },
      ctx({ GITHUB_ACTIONS: 'true' }),
    );
    expect(gh.provenance).toEqual({ ci: 'github' });
    const gl = await resolveGateOptions(
      { image: 'harbor.example.com/team/app:1', provenance: true },
      ctx({ GITLAB_CI: 'true' }),
    );
    expect(gl.provenance).toEqual({ ci: 'gitlab' });
    const e = await resolveGateOptions(
      { image: 'harbor.example.com/team/app:1', provenance: true, 'no-sign': true },
      ctx({ GITHUB_ACTIONS: 'true' }),
    ).catch((x: unknown) => x);
    expect((e as GateError).code).toBe('CONFIG_CONFLICT');
  });

  it('verify: --require-provenance needs --builder-id and --source-repo; they need it', async () => {
    const base = { image: 'harbor.example.com/team/app:1', key: 'cosign.pub' };
    const steps = { sign: false, scan: false };
    const ok = await resolveGateOptions(
      {
        ...base,
        'require-provenance': true,
        'builder-id': 'https://b',
        'source-repo': 'https://github.com/acme/app',
      },
      ctx({}),
      steps,
    );
    expect(ok.requireProvenance).toEqual({
      builderId: 'https://b',
      sourceRepo: 'https://github.com/acme/app',
    });
    const missing = await resolveGateOptions(
      { ...base, 'require-provenance': true, 'builder-id': 'https://b' },
      ctx({}),
      steps,
    ).catch((x: unknown) => x);
    expect((missing as GateError).code).toBe('CLI_MISSING_FLAG');
    expect((missing as GateError).message).toContain('--source-repo');
    const stray = await resolveGateOptions(
      { ...base, 'source-ref': 'refs/heads/main' },
      ctx({}),
      steps,
    ).catch((x: unknown) => x);
    expect((stray as GateError).code).toBe('CONFIG_CONFLICT');
  });
});

describe('the gate with --provenance (fake roles)', () => {
  async function run(
    extra: Record<string, unknown>,
    setup: (w: ReturnType<typeof fakeWorld>) => void = () => undefined,
  ) {
    const w = fakeWorld();
    setup(w);
    const options = await resolveGateOptions(
      {
        image: 'harbor.example.com/team/app:1',
        source: 'oci:dir',
        provenance: true,
        'no-scan': true,
        ...extra,
      },
      { env: { GITHUB_ACTIONS: 'true' }, cwd: '/tmp' },
    );
    const r = await runSteps(
      options,
      w.roles,
      { ref: parseReference(options.image) },
      { redactor: new Redactor(), logger: silentLogger },
    );
    return { w, r };
  }

  it('builds the statement before the push, attaches it after signing, and names the referrer', async () => {
    const { w, r } = await run({});
    expect(w.events.indexOf('prepare provenance github')).toBeLessThan(w.events.indexOf('push oci:dir'));
    expect(w.events.indexOf('sign end')).toBeLessThan(w.events.indexOf('attest provenance bundle'));
    expect(r.verdict).toBe('pass');
    expect(r.steps.provenance.status).toBe('ok');
    expect(r.provenanceDigest).toBe(r.steps.provenance.digest);
    expect(r.summaryMarkdown).toContain(r.provenanceDigest);
    expect(r.steps.provenance.detail).toContain(FAKE_PROVENANCE.builderId);
  });

  it('a missing CI value fails the inputs: nothing is pushed', async () => {
    const { w, r } = await run({}, (world) => {
      world.fail.provenancePrepare = input('PROVENANCE_MISSING_CI_VALUE');
    });
    expect(r.verdict).toBe('error');
    expect(r.failedStep).toBe('inputs');
    expect(r.exitCode).toBe(2);
    expect(w.events.some((e) => e.startsWith('push'))).toBe(false);
  });

  it('the Action: input provenance, output provenance-digest, and gate --json name the referrer', async () => {
    const inputs: Record<string, string> = { image: 'harbor.example.com/team/app:1', provenance: 'true' };
    const outputs: Record<string, string> = {};
    const io = {
      getInput: (n: string) => inputs[n] ?? '',
      setOutput: (n: string, v: string | number) => {
        outputs[n] = String(v);
      },
    } as unknown as ActionIO;
    expect(readInputs(io).raw.provenance).toBe(true);
    const { r } = await run({});
    setOutputs(io, r);
    expect(outputs['provenance-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(outputs['provenance-digest']).toBe(r.steps.provenance.digest);
    expect(gateJson(r).provenanceDigest).toBe(outputs['provenance-digest']);
    const without = await run({ provenance: false });
    setOutputs(io, without.r);
    expect(outputs['provenance-digest']).toBe('');
    expect(without.r.steps.provenance.status).toBe('skipped');
  });

  it('--report-only still attaches it, in the signature format asked for', async () => {
    const { w, r } = await run({ 'report-only': true, 'signature-format': 'legacy' });
    expect(w.events).toContain('attest provenance legacy');
    expect(r.steps.provenance.status).toBe('ok');
  });
});
