/**
 * SLSA v1 build provenance: the predicates the gate signs, built only from what the CI set, and the
 * facts a deploy step checks in one it reads back. Pure: no I/O; the environment and the OIDC
 * token's claims are passed in.
 *
 * - GitHub Actions: the predicate actions/attest-build-provenance writes (buildType
 *   https://actions.github.io/buildtypes/workflow/v1). Keyless, from the claims of the OIDC token
 *   the attestation is signed with (Fulcio verifies that token); key-signed, from the runner's
 *   GITHUB_* variables (GITHUB_WORKFLOW_REF for the workflow).
 * - GitLab CI (GitLab.com and self-managed): our buildType GITLAB_BUILD_TYPE, documented in
 *   docs/provenance.md, from the id_tokens token's claims (keyless) or the CI_* variables.
 *
 * Either way the statement says where its values came from (internalParameters.harborgate_source).
 * A value the CI did not set is an input error naming it, never a guess.
 */
import { VERSION, cleanText, isCleanText, type CiKind } from '../core/index.js';
import { inputError } from '../errors.js';

export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
/** GitHub's buildType (actions/toolkit packages/attest). */
export const GITHUB_WORKFLOW_BUILD_TYPE = 'https://actions.github.io/buildtypes/workflow/v1';
/** Ours, for GitLab CI jobs: docs/provenance.md. */
export const GITLAB_BUILD_TYPE = 'https://harbor-gate.dev/buildtypes/gitlab-ci/v1';

export type { CiKind } from '../core/index.js';
/** Where the statement's values came from: the signed OIDC token, or the job's variables. */
export type ProvenanceSource = 'oidc-token' | 'environment';

export interface ResourceDescriptor {
  uri?: string;
  digest?: Record<string, string>;
  name?: string;
}

export interface SlsaProvenance {
  buildDefinition: {
    buildType: string;
    externalParameters: Record<string, unknown>;
    internalParameters?: Record<string, unknown>;
    resolvedDependencies?: ResourceDescriptor[];
  };
  runDetails: {
    builder: { id: string };
    metadata?: { invocationId?: string; startedOn?: string; finishedOn?: string };
  };
}

/** What a deploy step checks: who built it, from which source, which run. */
export interface ProvenanceFacts {
  builderId: string;
  sourceRepo: string;
  sourceRef: string;
  commit: string;
  invocationId: string;
}

const MAX_VALUE = 2048;

/** A value the statement needs: present, one line, bounded; else an input error naming it. */
function need(values: Record<string, unknown>, name: string, what: 'variable' | 'claim'): string {
  const v = values[name];
  const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
  if (typeof text !== 'string' || text.trim() === '') {
    throw what === 'variable'
      ? inputError(
          'PROVENANCE_MISSING_CI_VALUE',
          `--provenance: the CI variable ${name} is not set`,
          `The provenance is built only from what the CI sets: run in a job where ${name} is defined (docs/provenance.md lists the variables), or drop --provenance.`,
        )
      : inputError(
          'PROVENANCE_MISSING_CLAIM',
          `--provenance: the OIDC token has no ${name} claim`,
          `Keyless provenance is built from the claims of the signing token: use the CI's own token (GitHub: permissions id-token: write; GitLab: id_tokens SIGSTORE_ID_TOKEN with aud sigstore, in the project's own pipeline, not a child pipeline), or sign with --signing-key.`,
        );
  }
  if (text.length > MAX_VALUE || !isCleanText(text)) {
    throw inputError(
      'PROVENANCE_BAD_CI_VALUE',
      `--provenance: the ${what} ${name} is not a plain one-line value (${cleanText(text, 80)})`,
      'Check the job: the value should be what the CI set.',
    );
  }
  return text;
}

function needUrl(values: Record<string, unknown>, name: string, what: 'variable' | 'claim'): string {
  const v = need(values, name, what);
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    u = new URL('invalid:');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw inputError(
      'PROVENANCE_BAD_CI_VALUE',
      `--provenance: the ${what} ${name} is not an http(s) URL (${cleanText(v, 120)})`,
      'Check the job: the value should be what the CI set.',
    );
  }
  return v.replace(/\/+$/, '');
}

function needCommit(values: Record<string, unknown>, name: string, what: 'variable' | 'claim'): string {
  const v = need(values, name, what);
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(v)) {
    throw inputError(
      'PROVENANCE_BAD_CI_VALUE',
      `--provenance: the ${what} ${name} is not a git commit id (${cleanText(v, 80)})`,
      'Check the job: the value should be the 40 (or 64) hex digit commit the CI checked out.',
    );
  }
  return v;
}

/**
 * The claims of a JWT (its payload), not verified here: Fulcio verifies the token it is given, and
 * the statement is signed under the certificate issued for that same token.
 */
export function tokenClaims(token: string): Record<string, unknown> {
  const parts = token.split('.');
  let claims: unknown;
  try {
    if (parts.length !== 3 || token.length > 64 * 1024) throw new Error('not a JWT');
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    claims = undefined;
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
    throw inputError(
      'PROVENANCE_BAD_TOKEN',
      '--provenance: the OIDC identity token is not a JWT whose claims can be read',
      'Use the CI’s own OIDC token (GitHub: permissions id-token: write; GitLab: id_tokens SIGSTORE_ID_TOKEN), or sign with --signing-key.',
    );
  }
  return claims as Record<string, unknown>;
}

/**
 * The GitHub server a GitHub Actions token's issuer belongs to: github.com
 * (https://token.actions.githubusercontent.com[/<enterprise>]), GHE.com
 * (https://token.actions.<sub>.ghe.com) or GitHub Enterprise Server (https://<host>/_services/token).
 */
export function githubServerOfIssuer(issuer: string): string {
  let u: URL | undefined;
  try {
    u = new URL(issuer);
  } catch {
    u = undefined;
  }
  if (u?.protocol === 'https:') {
    if (u.host === 'token.actions.githubusercontent.com') return 'https://github.com';
    const ghe = /^token\.actions\.([a-z0-9-]+)\.ghe\.com$/.exec(u.host);
    if (ghe) return `https://${ghe[1]!}.ghe.com`;
    if (u.pathname.replace(/\/+$/, '') === '/_services/token') return `https://${u.host}`;
  }
  throw inputError(
    'PROVENANCE_BAD_TOKEN',
    `--provenance on GitHub Actions: the OIDC token's issuer ${cleanText(issuer, 200)} is not GitHub Actions'`,
    'Keyless provenance on GitHub is built from the job’s own OIDC token: drop --identity-token / SIGSTORE_ID_TOKEN and give the job `permissions: id-token: write`, or sign with --signing-key.',
  );
}

/** The tool's own facts: where the values came from, and which harbor-gate wrote it. */
function ours(source: ProvenanceSource): Record<string, unknown> {
  return { harborgate_source: source, harborgate_version: VERSION };
}

/** owner/repo/.github/workflows/x.yml@refs/heads/main -> [.github/workflows/x.yml, refs/heads/main]. */
function splitWorkflowRef(workflowRef: string, repository: string, name: string): [string, string] {
  const rest = workflowRef.startsWith(`${repository}/`) ? workflowRef.slice(repository.length + 1) : '';
  const at = rest.indexOf('@');
  if (at <= 0 || at === rest.length - 1) {
    throw inputError(
      'PROVENANCE_BAD_CI_VALUE',
      `--provenance: ${name} (${cleanText(workflowRef, 200)}) is not ${repository}/<workflow path>@<ref>`,
      'Check the job: the value should be what GitHub Actions set.',
    );
  }
  // A tag may itself contain '@' (monorepo tags such as pkg@1.0.0): the path has none.
  return [rest.slice(0, at), rest.slice(at + 1)];
}

interface GithubValues {
  server: string;
  repository: string;
  workflowRef: string;
  jobWorkflowRef: string;
  eventName: string;
  repositoryId: string;
  repositoryOwnerId: string;
  runnerEnvironment: string;
  ref: string;
  sha: string;
  runId: string;
  runAttempt: string;
  workflowRefName: string;
}

function githubPredicate(v: GithubValues, source: ProvenanceSource): SlsaProvenance {
  const [path, workflowRef] = splitWorkflowRef(v.workflowRef, v.repository, v.workflowRefName);
  const repo = `${v.server}/${v.repository}`;
  return {
    buildDefinition: {
      buildType: GITHUB_WORKFLOW_BUILD_TYPE,
      externalParameters: { workflow: { ref: workflowRef, repository: repo, path } },
      internalParameters: {
        github: {
          event_name: v.eventName,
          repository_id: v.repositoryId,
          repository_owner_id: v.repositoryOwnerId,
          runner_environment: v.runnerEnvironment,
        },
        ...ours(source),
      },
      resolvedDependencies: [{ uri: `git+${repo}@${v.ref}`, digest: { gitCommit: v.sha } }],
    },
    runDetails: {
      builder: { id: `${v.server}/${v.jobWorkflowRef}` },
      metadata: { invocationId: `${repo}/actions/runs/${v.runId}/attempts/${v.runAttempt}` },
    },
  };
}

/** GitHub, keyless: every value from the signing token's claims (the server from its issuer). */
export function githubFromClaims(claims: Record<string, unknown>): SlsaProvenance {
  const c = (n: string) => need(claims, n, 'claim');
  const server = githubServerOfIssuer(c('iss'));
  return githubPredicate(
    {
      server,
      repository: c('repository'),
      workflowRef: c('workflow_ref'),
      workflowRefName: 'the workflow_ref claim',
      jobWorkflowRef: c('job_workflow_ref'),
      eventName: c('event_name'),
      repositoryId: c('repository_id'),
      repositoryOwnerId: c('repository_owner_id'),
      runnerEnvironment: c('runner_environment'),
      ref: c('ref'),
      sha: needCommit(claims, 'sha', 'claim'),
      runId: c('run_id'),
      runAttempt: c('run_attempt'),
    },
    'oidc-token',
  );
}

/**
 * GitHub, key-signed: from the runner's variables. The job's own workflow (job_workflow_ref) is a
 * token claim only; the builder is the run's workflow, GITHUB_WORKFLOW_REF.
 */
export function githubFromEnv(env: NodeJS.ProcessEnv): SlsaProvenance {
  const e = (n: string) => need(env, n, 'variable');
  const workflowRef = e('GITHUB_WORKFLOW_REF');
  return githubPredicate(
    {
      server: needUrl(env, 'GITHUB_SERVER_URL', 'variable'),
      repository: e('GITHUB_REPOSITORY'),
      workflowRef,
      workflowRefName: 'GITHUB_WORKFLOW_REF',
      jobWorkflowRef: workflowRef,
      eventName: e('GITHUB_EVENT_NAME'),
      repositoryId: e('GITHUB_REPOSITORY_ID'),
      repositoryOwnerId: e('GITHUB_REPOSITORY_OWNER_ID'),
      runnerEnvironment: e('RUNNER_ENVIRONMENT'),
      ref: e('GITHUB_REF'),
      sha: needCommit(env, 'GITHUB_SHA', 'variable'),
      runId: e('GITHUB_RUN_ID'),
      runAttempt: e('GITHUB_RUN_ATTEMPT'),
    },
    'environment',
  );
}

interface GitlabValues {
  server: string;
  projectPath: string;
  projectUrl: string;
  ref: string;
  pipelineSource: string;
  configPath: string;
  sha: string;
  projectId: string;
  pipelineId: string;
  jobId: string;
  runnerId: string;
  jobUrl: string;
}

function gitlabPredicate(v: GitlabValues, source: ProvenanceSource): SlsaProvenance {
  return {
    buildDefinition: {
      buildType: GITLAB_BUILD_TYPE,
      externalParameters: {
        project: { path: v.projectPath, url: v.projectUrl },
        ref: v.ref,
        pipelineSource: v.pipelineSource,
        configPath: v.configPath,
      },
      internalParameters: {
        gitlab: {
          server_url: v.server,
          project_id: v.projectId,
          pipeline_id: v.pipelineId,
          job_id: v.jobId,
          runner_id: v.runnerId,
        },
        ...ours(source),
      },
      resolvedDependencies: [{ uri: `git+${v.projectUrl}@${v.ref}`, digest: { gitCommit: v.sha } }],
    },
    runDetails: {
      // The form gitlab-runner's own provenance uses.
      builder: { id: `${v.server}/${v.projectPath}/-/runners/${v.runnerId}` },
      metadata: { invocationId: v.jobUrl },
    },
  };
}

/**
 * The full git ref of a GitLab job: refs/tags/<tag> in a tag pipeline, the merge request's ref in a
 * merge request pipeline, refs/heads/<branch> otherwise.
 */
function gitlabRef(env: NodeJS.ProcessEnv): string {
  if (env.CI_COMMIT_TAG) return `refs/tags/${need(env, 'CI_COMMIT_TAG', 'variable')}`;
  if (env.CI_MERGE_REQUEST_REF_PATH) return need(env, 'CI_MERGE_REQUEST_REF_PATH', 'variable');
  return `refs/heads/${need(env, 'CI_COMMIT_BRANCH', 'variable')}`;
}

/** GitLab, key-signed: from the job's CI_* variables. */
export function gitlabFromEnv(env: NodeJS.ProcessEnv): SlsaProvenance {
  const e = (n: string) => need(env, n, 'variable');
  return gitlabPredicate(
    {
      server: needUrl(env, 'CI_SERVER_URL', 'variable'),
      projectPath: e('CI_PROJECT_PATH'),
      projectUrl: needUrl(env, 'CI_PROJECT_URL', 'variable'),
      ref: gitlabRef(env),
      pipelineSource: e('CI_PIPELINE_SOURCE'),
      configPath: e('CI_CONFIG_PATH'),
      sha: needCommit(env, 'CI_COMMIT_SHA', 'variable'),
      projectId: e('CI_PROJECT_ID'),
      pipelineId: e('CI_PIPELINE_ID'),
      jobId: e('CI_JOB_ID'),
      runnerId: e('CI_RUNNER_ID'),
      jobUrl: needUrl(env, 'CI_JOB_URL', 'variable'),
    },
    'environment',
  );
}

/**
 * `<host>/<project path>//<config path>@<ref>` (GitLab's ci_config_ref_uri claim) -> the config
 * path, when the configuration is the project's own; otherwise the whole URI (an included or
 * external configuration is named in full).
 */
function configPathOfClaim(uri: string, host: string, projectPath: string): string {
  const prefix = `${host}/${projectPath}//`;
  if (!uri.startsWith(prefix)) return uri;
  const rest = uri.slice(prefix.length);
  const at = rest.indexOf('@');
  return at > 0 ? rest.slice(0, at) : rest;
}

/** GitLab, keyless: from the id_tokens token's claims (its issuer is the instance's URL). */
export function gitlabFromClaims(claims: Record<string, unknown>): SlsaProvenance {
  const c = (n: string) => need(claims, n, 'claim');
  const server = needUrl(claims, 'iss', 'claim');
  const projectPath = c('project_path');
  const jobId = c('job_id');
  return gitlabPredicate(
    {
      server,
      projectPath,
      projectUrl: `${server}/${projectPath}`,
      ref: c('ref_path'),
      pipelineSource: c('pipeline_source'),
      configPath: configPathOfClaim(c('ci_config_ref_uri'), new URL(server).host, projectPath),
      sha: needCommit(claims, 'sha', 'claim'),
      projectId: c('project_id'),
      pipelineId: c('pipeline_id'),
      jobId,
      runnerId: c('runner_id'),
      jobUrl: `${server}/${projectPath}/-/jobs/${jobId}`,
    },
    'oidc-token',
  );
}

/**
 * The predicate for this job: from the signing token's claims when keyless (`claims` given), else
 * from the CI's variables.
 */
export function provenancePredicate(
  ci: CiKind,
  input: { env: NodeJS.ProcessEnv; claims?: Record<string, unknown> },
): SlsaProvenance {
  if (input.claims) return ci === 'github' ? githubFromClaims(input.claims) : gitlabFromClaims(input.claims);
  return ci === 'github' ? githubFromEnv(input.env) : gitlabFromEnv(input.env);
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' && v.length <= MAX_VALUE ? v : undefined;
}

/**
 * The facts a deploy step checks, read from a provenance predicate someone else may have written
 * (GitHub's, ours, or any v1 predicate with a `git+<repo>@<ref>` dependency): the builder, the
 * source repository and ref and commit (the first git dependency), the run. A field that is
 * missing or malformed is reported as the reason, never guessed.
 */
export function provenanceFacts(predicate: unknown): { facts: ProvenanceFacts } | { reason: string } {
  const p = obj(predicate);
  const builderId = text(obj(obj(p?.runDetails)?.builder)?.id);
  if (builderId === undefined) return { reason: 'the provenance has no runDetails.builder.id' };
  const deps = obj(p?.buildDefinition)?.resolvedDependencies;
  const list = Array.isArray(deps) ? (deps as unknown[]).slice(0, 100) : [];
  for (const d of list) {
    const uri = text(obj(d)?.uri);
    const commit = text(obj(obj(d)?.digest)?.gitCommit);
    if (uri === undefined || commit === undefined || !uri.startsWith('git+')) continue;
    const rest = uri.slice(4);
    const scheme = rest.indexOf('://');
    const at = scheme < 0 ? -1 : rest.indexOf('@', scheme + 3);
    const sourceRepo = at < 0 ? rest : rest.slice(0, at);
    const sourceRef = at < 0 ? '' : rest.slice(at + 1);
    const invocationId = text(obj(obj(p?.runDetails)?.metadata)?.invocationId) ?? '';
    return { facts: { builderId, sourceRepo, sourceRef, commit, invocationId } };
  }
  return {
    reason:
      'the provenance names no git source (a resolvedDependencies entry git+<repo>@<ref> with a gitCommit)',
  };
}
