/**
 * The gate end to end through both adapters (the CLI's main() and the Action's runAction() with
 * INPUT_* variables and temporary GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files), against the
 * Harbor-compatible server in front of the real docker-registry with `auth: token` (Harbor's own
 * architecture), with the real skopeo reading what was pushed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { GITHUB_ENV } from '../fixtures/provenance.js';
import { runAction } from '../../src/action/main.js';
import { HttpClient } from '../../src/http/client.js';
import { RegistryClient } from '../../src/oci/registry.js';
import type { Descriptor } from '../../src/oci/types.js';
import type { HarborServer } from '../../src/embedded/harbor/index.js';
import { SAMPLE_CRITICAL_ID, sampleSbom } from '../../src/embedded/sample.js';
import {
  KEY_PASSWORD,
  PASSWORD,
  ROBOT,
  startGateEnv,
  type GateEnv,
  type Run,
} from '../helpers/harbor-env.js';
import { gitlabValidator } from '../helpers/schemas.js';
import {
  DEFAULT_IDENTITY,
  GITHUB_OIDC_PATH,
  GITHUB_RUNTIME_TOKEN,
  startSigstoreServices,
} from '../servers/sigstore.js';

// Async only: the Harbor-compatible server runs in this process, so a sync child would deadlock.
const execAsync = promisify(execFile);

let env: GateEnv;
let harbor: HarborServer;
let tmp: string;
let sbomFile: string;
let keyFile: string;
let allowlistFile: string;

/** The parts of `gate --json` these tests read. */
interface GateJson {
  verdict: string;
  digest: string;
  sbomDigest: string | null;
  steps: Record<
    'push' | 'sbom' | 'sign' | 'scan',
    { status: string; error: { code: string; remedy: string } }
  >;
  counts: Record<string, number>;
  violations: { id?: string; rule: string }[];
  waivers: { id: string; reason: string; source: string }[];
  warnings: string[];
  reports: Record<string, string>;
}

const cli = (args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Run> => env.cli(args, extra);
const gateArgs = (image: string, dir: string): string[] => env.gateArgs(image, dir);
const image = (name: string): Promise<{ dir: string; digest: string }> => env.image(name);

/** `verify` of a keyless signature on `image` (as the robot), for this identity and issuer. */
function verifyKeyless(
  image: string,
  trustedRoot: string,
  identity: { subject: string; issuer: string } = DEFAULT_IDENTITY,
  extra: string[] = [],
): Promise<Run> {
  return cli([
    'verify',
    '--image',
    image,
    '--username',
    ROBOT,
    '--trusted-root',
    trustedRoot,
    '--certificate-identity',
    identity.subject,
    '--certificate-oidc-issuer',
    identity.issuer,
    ...extra,
  ]);
}

function noSecrets(...texts: string[]): void {
  for (const t of texts) {
    expect(t).not.toContain(PASSWORD);
    expect(t).not.toContain(KEY_PASSWORD);
    expect(t).not.toContain(Buffer.from(`${ROBOT}:${PASSWORD}`).toString('base64'));
  }
}

/**
 * runAction as the runner starts it: inputs as INPUT_* variables, GITHUB_OUTPUT and the step
 * summary as files, workflow commands on stdout (captured). process.env is restored afterwards.
 */
async function actionRun(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<{
  code: number;
  stdout: string;
  outputs: string;
  output: (name: string) => string | undefined;
  summary: string;
}> {
  const outputFile = path.join(tmp, `github-output-${crypto.randomUUID()}`);
  const summaryFile = path.join(tmp, `step-summary-${crypto.randomUUID()}.md`);
  fs.writeFileSync(outputFile, '');
  fs.writeFileSync(summaryFile, '');
  const saved = { ...process.env };
  let stdout = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  };
  let code: number;
  try {
    for (const [k, v] of Object.entries(inputs))
      process.env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
    process.env.GITHUB_OUTPUT = outputFile;
    process.env.GITHUB_STEP_SUMMARY = summaryFile;
    process.env.GITHUB_WORKSPACE = tmp;
    process.env.DOCKER_CONFIG = tmp;
    Object.assign(process.env, env);
    code = await runAction(undefined, process.env);
  } finally {
    process.stdout.write = write;
    process.env = saved;
  }
  const outputs = fs.readFileSync(outputFile, 'utf8');
  return {
    code,
    stdout,
    outputs,
    output: (name) => new RegExp(`^${name}<<(.+)\\n([\\s\\S]*?)\\n\\1$`, 'm').exec(outputs)?.[2],
    summary: fs.readFileSync(summaryFile, 'utf8'),
  };
}

beforeAll(async () => {
  env = await startGateEnv([
    { name: 'team' },
    { name: 'noscanner', scanner: null },
    { name: 'trusted', metadata: { enable_content_trust_cosign: 'true' } },
  ]);
  ({ harbor, tmp, keyFile } = env);
  sbomFile = path.join(tmp, 'sbom.cdx.json');
  fs.writeFileSync(sbomFile, sampleSbom());
  allowlistFile = path.join(tmp, 'allow.yaml');
  fs.writeFileSync(allowlistFile, `- id: ${SAMPLE_CRITICAL_ID}\n  reason: not reachable, SEC-42\n`);
});

afterAll(async () => {
  await env.stop();
});

describe('harbor-gate gate (CLI)', () => {
  it('fails an image that breaches the policy, with every report written and outputs a user can act on', async () => {
    const img = await image('failing');
    const reports = path.join(tmp, 'reports-failing');
    const run = await cli(
      [
        'gate',
        '--image',
        `${harbor.host}/team/app:1.0`,
        '--source',
        `oci:${img.dir}`,
        '--tag',
        'latest',
        '--username',
        ROBOT,
        '--sbom',
        sbomFile,
        '--signing-key',
        keyFile,
        '--harbor-url',
        harbor.url,
        '--sarif',
        path.join(reports, 'r.sarif'),
        '--junit',
        path.join(reports, 'junit.xml'),
        '--html',
        path.join(reports, 'r.html'),
        '--gitlab-report',
        path.join(reports, 'gl.json'),
        '--json-report',
        path.join(reports, 'r.json'),
        '--summary',
        path.join(reports, 'summary.md'),
        '--json',
      ],
      { HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD },
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const out = JSON.parse(run.stdout) as GateJson;
    expect(run.code).toBe(1);
    expect(out.verdict).toBe('fail');
    expect(out.digest).toBe(img.digest);
    expect(out.steps.push.status).toBe('ok');
    expect(out.steps.sbom.status).toBe('ok');
    expect(out.steps.sign.status).toBe('ok');
    expect(out.steps.scan.status).toBe('ok');
    expect(out.counts).toEqual({ critical: 1, high: 0, medium: 2, low: 1, unknown: 0 });
    expect(out.violations.map((v) => v.id)).toEqual([SAMPLE_CRITICAL_ID]);
    for (const f of ['r.sarif', 'junit.xml', 'r.html', 'gl.json', 'r.json', 'summary.md']) {
      expect(fs.statSync(path.join(reports, f)).size).toBeGreaterThan(100);
    }
    expect(Object.keys(out.reports).sort()).toEqual(['gitlab', 'html', 'json', 'junit', 'sarif', 'summary']);
    noSecrets(
      run.stdout,
      run.stderr,
      ...fs.readdirSync(reports).map((f) => fs.readFileSync(path.join(reports, f), 'utf8')),
    );

    // The real skopeo reads what was pushed through Harbor's front (token flow), by both tags.
    const inspect = JSON.parse(
      (
        await execAsync('skopeo', [
          'inspect',
          '--tls-verify=false',
          '--creds',
          `${ROBOT}:${PASSWORD}`,
          `docker://${harbor.host}/team/app:latest`,
        ])
      ).stdout,
    ) as { Digest: string };
    expect(inspect.Digest).toBe(img.digest);

    // The signature verifies with the public key; the SBOM is listed as a referrer.
    const verify = await cli([
      'verify',
      '--image',
      `${harbor.host}/team/app@${img.digest}`,
      '--username',
      ROBOT,
      '--key',
      path.join(tmp, 'cosign.pub'),
      '--require-sbom',
      '--json',
    ]);
    const v = JSON.parse(verify.stdout) as { verified: boolean; sbom: { digest: string } | null };
    expect(verify.code).toBe(0);
    expect(v.verified).toBe(true);
    expect(v.sbom?.digest).toBe(out.sbomDigest);
  });

  it('passes the same findings when an allowlist entry with a reason waives the critical one', async () => {
    const img = await image('passing');
    const run = await cli([
      ...gateArgs(`${harbor.host}/team/app:2.0`, img.dir),
      '--no-sign',
      '--allowlist',
      allowlistFile,
      '--json',
    ]);
    const out = JSON.parse(run.stdout) as GateJson;
    expect(run.code).toBe(0);
    expect(out.verdict).toBe('pass');
    expect(out.waivers).toEqual([
      expect.objectContaining({
        id: SAMPLE_CRITICAL_ID,
        reason: 'not reachable, SEC-42',
        source: 'allowlist',
      }),
    ]);
    expect(out.steps.sign.status).toBe('skipped');
  });

  it('attaches the scan result as a signed cosign vuln attestation with --attest-scan', async () => {
    const img = await image('attest-scan');
    const run = await cli(
      [
        ...gateArgs(`${harbor.host}/team/attested:1`, img.dir),
        '--signing-key',
        keyFile,
        '--attest-scan',
        '--allowlist',
        allowlistFile,
        '--json',
      ],
      { HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD },
    );
    const out = JSON.parse(run.stdout) as GateJson & {
      steps: { attestScan: { status: string; digest: string } };
    };
    expect(run.code, run.stderr).toBe(0);
    expect(out.steps.attestScan.status).toBe('ok');
    // The attestation is a referrer of the image: a bundle whose in-toto statement carries cosign's
    // vuln predicate over the image digest.
    const client = new RegistryClient({
      http: new HttpClient({ env: {} }),
      credentials: () => Promise.resolve({ username: ROBOT, password: PASSWORD }),
    });
    try {
      const repo = client.repository(harbor.host, 'team/attested');
      const manifest = await repo.fetchManifest(out.steps.attestScan.digest);
      const layers = (JSON.parse(manifest?.bytes.toString() ?? '{}') as { layers: Descriptor[] }).layers;
      const bundle = JSON.parse((await repo.fetchBlob(layers[0]!)).toString()) as {
        dsseEnvelope: { payload: string };
      };
      const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()) as {
        predicateType: string;
        subject: { digest: { sha256: string } }[];
        predicate: { scanner: { result: { counts: Record<string, number> } } };
      };
      expect(statement.predicateType).toBe('https://cosign.sigstore.dev/attestation/vuln/v1');
      expect(statement.subject[0]?.digest.sha256).toBe(img.digest.slice('sha256:'.length));
      expect(statement.predicate.scanner.result.counts.critical).toBe(1);
    } finally {
      client.close();
    }
  });

  it('signs keyless with the workflow OIDC token, as cosign does, and verify checks the identity', async () => {
    const svc = await startSigstoreServices();
    try {
      const img = await image('keyless');
      const ref = `${harbor.host}/team/keyless:1`;
      const run = await cli(
        [
          ...gateArgs(ref, img.dir),
          '--sbom',
          sbomFile,
          '--fulcio-url',
          svc.url,
          '--rekor-url',
          svc.url,
          '--no-scan',
          '--json',
        ],
        {
          GITHUB_ACTIONS: 'true',
          ACTIONS_ID_TOKEN_REQUEST_URL: `${svc.url}${GITHUB_OIDC_PATH}?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_RUNTIME_TOKEN,
        },
      );
      expect(run.code, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as GateJson).steps.sign.status).toBe('ok');
      // Fulcio issued a certificate and Rekor logged cosign's entry kind for the bundle.
      expect(svc.hits.get('/api/v2/signingCert')).toBe(1);
      expect(svc.hits.get('/api/v1/log/entries')).toBeGreaterThanOrEqual(1);

      const signed = `${harbor.host}/team/keyless@${img.digest}`;
      const verify = (issuer: string): Promise<Run> =>
        verifyKeyless(signed, svc.trustedRootPath, { ...DEFAULT_IDENTITY, issuer }, [
          '--require-sbom',
          '--json',
        ]);
      const ok = await verify(DEFAULT_IDENTITY.issuer);
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ verified: true });
      expect((await verify('https://gitlab.com')).code).toBe(1);
    } finally {
      await svc.close();
    }
  });

  it('runs as the documented GitLab job: integration credentials, SIGSTORE_ID_TOKEN, the report GitLab ingests', async () => {
    const svc = await startSigstoreServices();
    const job = fs.mkdtempSync(path.join(tmp, 'gitlab-job-'));
    const identity = {
      subject: 'https://gitlab.com/acme/app//.gitlab-ci.yml@refs/heads/main',
      issuer: 'https://gitlab.com',
    };
    try {
      const img = await image('gitlab');
      // Exactly what the job in docs/gitlab-ci.md has: no harbor-gate variables, no credentials flags.
      const r = await runCli(
        [
          'gate',
          '--image',
          `${harbor.host}/team/gitlab:abc1234`,
          '--source',
          `oci:${img.dir}`,
          '--sbom',
          sbomFile,
          '--fulcio-url',
          svc.url,
          '--rekor-url',
          svc.url,
          '--junit',
          'harbor-gate-junit.xml',
          '--html',
          'harbor-gate.html',
          '--json-report',
          'harbor-gate.json',
        ],
        {
          GITLAB_CI: 'true',
          HARBOR_HOST: harbor.host,
          HARBOR_USERNAME: ROBOT,
          HARBOR_PASSWORD: PASSWORD,
          SIGSTORE_ID_TOKEN: svc.token(identity),
          DOCKER_CONFIG: job,
        },
        { cwd: job },
      );
      expect(r.code, r.err).toBe(1);
      noSecrets(r.out, r.err);
      const report = JSON.parse(
        fs.readFileSync(path.join(job, 'gl-container-scanning-report.json'), 'utf8'),
      ) as { vulnerabilities: { identifiers: { value: string }[] }[] };
      expect(gitlabValidator()(report)).toEqual([]);
      expect(report.vulnerabilities.flatMap((v) => v.identifiers.map((i) => i.value))).toContain(
        SAMPLE_CRITICAL_ID,
      );
      expect(fs.readFileSync(path.join(job, 'harbor-gate-junit.xml'), 'utf8')).toContain(SAMPLE_CRITICAL_ID);
      // The job's other artifacts: the paths it keeps, and the `cyclonedx` report (the --sbom file),
      // which GitLab ingests only as CycloneDX JSON.
      expect(JSON.parse(fs.readFileSync(path.join(job, 'harbor-gate.json'), 'utf8'))).toMatchObject({
        verdict: 'fail',
        outcome: { verdict: 'fail', failedStep: null },
      });
      expect(fs.readFileSync(path.join(job, 'harbor-gate.html'), 'utf8')).toContain(SAMPLE_CRITICAL_ID);
      expect(JSON.parse(fs.readFileSync(sbomFile, 'utf8'))).toMatchObject({ bomFormat: 'CycloneDX' });
      // No SARIF is written for GitLab unless asked: GitLab does not ingest it.
      expect(fs.readdirSync(job).filter((f) => f.endsWith('.sarif'))).toEqual([]);

      // The job's identity signed the image keylessly.
      const v = await verifyKeyless(
        `${harbor.host}/team/gitlab@${img.digest}`,
        svc.trustedRootPath,
        identity,
        ['--require-sbom'],
      );
      expect(v.code, v.stderr).toBe(0);
    } finally {
      await svc.close();
    }
  });

  it('warns when cosign content trust is on and Harbor (before 2.15) will not see a bundle signature', async () => {
    const run = async (format: string): Promise<GateJson & { warnings: string[] }> => {
      const img = await image(`trusted-${format}`);
      const r = await cli(
        [
          ...gateArgs(`${harbor.host}/trusted/app:${format}`, img.dir),
          '--signing-key',
          keyFile,
          '--signature-format',
          format,
          '--allowlist',
          allowlistFile,
          '--json',
        ],
        { HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD },
      );
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as GateJson & { warnings: string[] };
    };
    const bundle = await run('bundle');
    expect(bundle.warnings.join('\n')).toMatch(
      /project trusted refuses pulls without a cosign signature .*Harbor v2\.11\.0-test recognises only cosign's legacy signature format before 2\.15: sign with --signature-format both/,
    );
    const both = await run('both');
    expect(both.warnings.join('\n')).not.toMatch(/content trust/);
  });

  it('counts an attached SBOM that validates and a signature that verifies with the trust given', async () => {
    const img = await image('required');
    const first = await cli(
      [
        ...gateArgs(`${harbor.host}/team/required:1`, img.dir),
        '--sbom',
        sbomFile,
        '--signing-key',
        keyFile,
        '--no-scan',
      ],
      { HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD },
    );
    expect(first.code, first.stderr).toBe(0);
    const again = await cli([
      'gate',
      '--image',
      `${harbor.host}/team/required@${img.digest}`,
      '--username',
      ROBOT,
      '--no-sign',
      '--no-scan',
      '--require-sbom',
      '--require-signature',
      '--key',
      path.join(tmp, 'cosign.pub'),
      '--json',
    ]);
    const ok = JSON.parse(again.stdout) as GateJson;
    expect(again.code, again.stderr).toBe(0);
    expect(ok.steps.sbom.status).toBe('ok');
    expect(ok.steps.sign.status).toBe('ok');
    // A signature by another key is present, but does not count.
    const other = await cli([
      'gate',
      '--image',
      `${harbor.host}/team/required@${img.digest}`,
      '--username',
      ROBOT,
      '--no-sign',
      '--no-scan',
      '--require-signature',
      '--key',
      path.resolve('test/fixtures/keys/cosign-p384.pub'),
      '--json',
    ]);
    const rejected = JSON.parse(other.stdout) as GateJson;
    expect(other.code).toBe(1);
    expect(rejected.violations.map((v) => v.rule)).toEqual(['signature']);
    expect(rejected.warnings.join('\n')).toMatch(/no signature of sha256:\S+ verifies with the key/);
    // With no trust at all, --require-signature is a configuration error.
    const noTrust = await cli([
      'gate',
      '--image',
      `${harbor.host}/team/required@${img.digest}`,
      '--username',
      ROBOT,
      '--no-sign',
      '--no-scan',
      '--require-signature',
    ]);
    expect(noTrust.code).toBe(2);
    expect(noTrust.stderr).toContain('CONFIG_NO_TRUST');
    const bare = await image('bare');
    const missing = await cli([
      ...gateArgs(`${harbor.host}/team/bare:1`, bare.dir),
      '--no-sign',
      '--no-scan',
      '--require-sbom',
      '--require-signature',
      '--key',
      path.join(tmp, 'cosign.pub'),
      '--json',
    ]);
    const out = JSON.parse(missing.stdout) as GateJson;
    expect(missing.code).toBe(1);
    expect(out.violations.map((v) => v.rule).sort()).toEqual(['sbom', 'signature']);
  });

  it('has Harbor generate the SBOM with --generate-sbom when no file is given', async () => {
    const img = await image('generated-sbom');
    const run = await cli([
      ...gateArgs(`${harbor.host}/team/gensbom:1`, img.dir),
      '--no-sign',
      '--generate-sbom',
      '--require-sbom',
      '--allowlist',
      allowlistFile,
      '--json',
    ]);
    const out = JSON.parse(run.stdout) as GateJson & { steps: { sbom: { digest: string } } };
    expect(run.code, run.stderr).toBe(0);
    expect(out.steps.sbom.status).toBe('ok');
    expect(out.steps.sbom.digest).toMatch(/^sha256:/);
    expect(out.sbomDigest).toBe(out.steps.sbom.digest);
    expect(harbor.requests.some((r) => r.method === 'POST' && r.path.endsWith('/scan'))).toBe(true);
  });

  it('fails closed when the scan errors, and warns instead with --on-scan-error warn', async () => {
    const img = await image('scan-error');
    harbor.scanner.setScript(img.digest, {
      outcome: 'error',
      durationMs: 20,
      log: 'trivy: database download failed',
    });
    const args = [...gateArgs(`${harbor.host}/team/err:1`, img.dir), '--no-sign', '--json'];
    const closed = await cli(args);
    const out = JSON.parse(closed.stdout) as GateJson;
    // A scan that could not finish is an infrastructure error (exit 3), not a policy breach: a team
    // that allows exit 1 (report only) does not let a Harbor outage through.
    expect(closed.code).toBe(3);
    expect(out.verdict).toBe('error');
    expect((out as GateJson & { failedStep: string }).failedStep).toBe('scan');
    expect(out.steps.scan.error.code).toBe('SCAN_FAILED');
    // The person reading the log gets the remedy too, not only the JSON.
    expect(closed.stderr).toMatch(/error \[SCAN_FAILED\][\s\S]*?\n {2}remedy: \S/);
    const warned = await cli([...args, '--on-scan-error', 'warn']);
    const w = JSON.parse(warned.stdout) as GateJson;
    expect(warned.code).toBe(0);
    expect(w.verdict).toBe('pass');
    expect(w.warnings.join('\n')).toMatch(/scan/i);
    // Each warning is printed once.
    expect(warned.stderr.match(/warning: scan failed/g)).toHaveLength(1);
  });

  it('fails closed when the scan times out, after stopping it', async () => {
    const img = await image('stuck');
    harbor.scanner.setScript(img.digest, { outcome: 'pending' });
    const run = await cli([
      ...gateArgs(`${harbor.host}/team/stuck:1`, img.dir),
      '--no-sign',
      '--scan-timeout',
      '1s',
      '--json',
    ]);
    const out = JSON.parse(run.stdout) as GateJson;
    expect(run.code).toBe(3);
    expect(out.verdict).toBe('error');
    expect(out.steps.scan.error.code).toBe('SCAN_TIMEOUT');
    expect(harbor.requests.some((r) => r.method === 'POST' && r.path.endsWith('/scan/stop'))).toBe(true);
  });

  it('says what to do when the project has no scanner (exit 2: configuration)', async () => {
    const img = await image('noscanner');
    const run = await cli([...gateArgs(`${harbor.host}/noscanner/app:1`, img.dir), '--no-sign', '--json']);
    const out = JSON.parse(run.stdout) as GateJson;
    expect(run.code).toBe(2);
    expect(out.steps.scan.status).toBe('failed');
    expect(out.steps.scan.error.remedy).toMatch(/scanner/i);
  });

  it('refuses bad credentials with a clear message and no secret in any output', async () => {
    const img = await image('badcreds');
    const run = await cli([...gateArgs(`${harbor.host}/team/app:3`, img.dir), '--debug'], {
      HARBOR_GATE_PASSWORD: 'wrong-' + PASSWORD,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error \[[A-Z_]+\]/);
    expect(run.stderr).toMatch(/remedy:/);
    expect(run.stdout + run.stderr).not.toContain('wrong-' + PASSWORD);
  });

  it('refuses bad input before writing anything to the registry', async () => {
    const before = (
      await cli([
        'gate',
        '--image',
        `${harbor.host}/team/never:1`,
        '--source',
        `oci:${tmp}/missing`,
        '--username',
        ROBOT,
      ])
    ).code;
    expect(before).toBe(2);
    const badKey = await cli(
      [
        'gate',
        '--image',
        `${harbor.host}/team/never:1`,
        '--source',
        `oci:${(await image('badkey')).dir}`,
        '--username',
        ROBOT,
        '--signing-key',
        keyFile,
      ],
      { HARBOR_GATE_KEY_PASSWORD: 'not-the-password' },
    );
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/password/i);
    // Keyless signing with no token anywhere: refused before the push, not after it.
    const noToken = await cli([
      'gate',
      '--image',
      `${harbor.host}/team/never:1`,
      '--source',
      `oci:${(await image('notoken')).dir}`,
      '--username',
      ROBOT,
      '--json',
    ]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('SIGN_NO_IDENTITY_TOKEN');
    expect((JSON.parse(noToken.stdout) as { failedStep: string }).failedStep).toBe('inputs');
    // A trusted root that is not one: refused before the push too.
    fs.writeFileSync(path.join(tmp, 'not-a-root.json'), '{"mediaType": "nope"}');
    const badRoot = await cli([
      'gate',
      '--image',
      `${harbor.host}/team/never:1`,
      '--source',
      `oci:${(await image('badroot')).dir}`,
      '--username',
      ROBOT,
      '--no-sign',
      '--no-scan',
      '--require-signature',
      '--certificate-identity',
      'someone@example.com',
      '--certificate-oidc-issuer',
      'https://issuer.example.com',
      '--trusted-root',
      path.join(tmp, 'not-a-root.json'),
    ]);
    expect(badRoot.code).toBe(2);
    expect(badRoot.stderr).toContain('VERIFY_TRUSTED_ROOT_INVALID');
    const client = new RegistryClient({
      http: new HttpClient({ env: {} }),
      credentials: () => Promise.resolve({ username: ROBOT, password: PASSWORD }),
    });
    expect(await client.repository(harbor.host, 'team/never').resolve('1')).toBeUndefined();
    client.close();
  });
});

describe('the GitHub Action adapter', () => {
  it('provenance: true attaches SLSA provenance (report-only too) and sets provenance-digest', async () => {
    const img = await image('action-provenance');
    const run = await actionRun(
      {
        image: `${harbor.host}/team/action-provenance:1`,
        source: `oci:${img.dir}`,
        username: ROBOT,
        password: PASSWORD,
        'harbor-url': harbor.url,
        'signing-key': keyFile,
        'key-password': KEY_PASSWORD,
        provenance: 'true',
        'report-only': 'true',
        // @actions/core keeps the first summary file it wrote to: leave it to the tests below.
        'job-summary': 'false',
      },
      GITHUB_ENV,
    );
    // The sample's critical finding breaches the policy; --report-only keeps the step green.
    expect(run.code, run.stdout).toBe(0);
    expect(run.output('verdict')).toBe('fail');
    const digest = run.output('provenance-digest') ?? '';
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run.stdout).toContain(digest);
  });

  it('reads INPUT_* variables, sets outputs before failing, writes the job summary and masks secrets', async () => {
    const img = await image('action');
    const run = await actionRun({
      image: `${harbor.host}/team/action:1`,
      source: `oci:${img.dir}`,
      tags: 'latest\nsha-abc',
      username: ROBOT,
      password: PASSWORD,
      'harbor-url': harbor.url,
      sbom: sbomFile,
      'signing-key': keyFile,
      'key-password': KEY_PASSWORD,
      sarif: path.join(tmp, 'action.sarif'),
      sign: 'true',
      scan: 'true',
    });
    const { stdout, output: get } = run;
    expect(run.code).toBe(1);
    expect(get('verdict')).toBe('fail');
    expect(get('digest')).toBe(img.digest);
    expect(get('critical')).toBe('1');
    expect(get('medium')).toBe('2');
    expect(get('sarif-file')).toBe(path.join(tmp, 'action.sarif'));
    expect(get('signature-digest')).toMatch(/^sha256:/);
    expect(get('sbom-digest')).toMatch(/^sha256:/);
    // The signature's bundle as a file, as actions/attest outputs it.
    const bundle = JSON.parse(fs.readFileSync(get('bundle-path') ?? '', 'utf8')) as {
      mediaType: string;
      dsseEnvelope?: { payloadType: string };
    };
    expect(bundle.mediaType).toMatch(/^application\/vnd\.dev\.sigstore\.bundle/);
    expect(bundle.dsseEnvelope?.payloadType).toBe('application/vnd.in-toto+json');
    expect(run.summary).toContain(SAMPLE_CRITICAL_ID);
    expect(run.summary).toContain('```mermaid');
    // Secrets are registered with the runner for masking, and never printed.
    expect(stdout).toContain(`::add-mask::${PASSWORD}`);
    expect(stdout).toContain(`::add-mask::${KEY_PASSWORD}`);
    expect(stdout).toMatch(/::error title=CVE-2022-37434/);
    expect(stdout).toMatch(/::error::harbor-gate: the policy was breached/);
    const withoutMasks = stdout.replace(/::add-mask::.*\n/g, '');
    noSecrets(
      withoutMasks,
      run.outputs,
      run.summary,
      fs.readFileSync(path.join(tmp, 'action.sarif'), 'utf8'),
    );
  });

  it('signs keyless with the workflow identity when no signing-key is given (id-token: write)', async () => {
    const svc = await startSigstoreServices();
    try {
      const img = await image('action-keyless');
      const run = await actionRun(
        {
          image: `${harbor.host}/team/action-keyless:1`,
          source: `oci:${img.dir}`,
          username: ROBOT,
          password: PASSWORD,
          sbom: sbomFile,
          'fulcio-url': svc.url,
          'rekor-url': svc.url,
          scan: 'false',
        },
        {
          GITHUB_ACTIONS: 'true',
          ACTIONS_ID_TOKEN_REQUEST_URL: `${svc.url}${GITHUB_OIDC_PATH}?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_RUNTIME_TOKEN,
        },
      );
      expect(run.code, run.stdout).toBe(0);
      expect(run.output('verdict')).toBe('pass');
      expect(run.output('signature-digest')).toMatch(/^sha256:/);
      expect(run.stdout).not.toContain(GITHUB_RUNTIME_TOKEN);
      const v = await verifyKeyless(`${harbor.host}/team/action-keyless@${img.digest}`, svc.trustedRootPath);
      expect(v.code, v.stderr).toBe(0);
    } finally {
      await svc.close();
    }
  });

  it('fails a bad input strictly, naming the allowed values', async () => {
    const run = await actionRun({ image: `${harbor.host}/team/app:1`, 'fail-on': 'severe' });
    expect(run.code).toBe(2);
    // A run that ended at the inputs step, told in the Action's words (the input, not --fail-on),
    // with its outputs set.
    expect(run.stdout).toMatch(
      /::error::harbor-gate: the inputs step could not finish: \[CONFIG_BAD_VALUE\] input fail-on/,
    );
    expect(run.stdout).toContain('critical, high, medium, low');
    expect(run.output('verdict')).toBe('error');
    expect(run.output('failed-step')).toBe('inputs');
    expect(run.summary).toMatch(/ERROR: the inputs step could not finish/);
  });
});

describe('nothing is written before everything is checked', () => {
  /** The tags of a repository as the registry lists them (empty when nothing was pushed). */
  async function tagsOf(repository: string): Promise<string[]> {
    const client = new RegistryClient({
      http: new HttpClient({ env: {} }),
      credentials: () => Promise.resolve({ username: ROBOT, password: PASSWORD }),
    });
    try {
      const repo = client.repository(harbor.host, repository);
      const found = await repo.resolve('1');
      return found ? ['1'] : [];
    } finally {
      client.close();
    }
  }

  it('--attest-scan with --sarif naming a directory: exit 2, and no image, signature or verdict in the registry', async () => {
    const img = await image('sarif-dir');
    const sarifDir = fs.mkdtempSync(path.join(tmp, 'sarif-dir-'));
    const run = await cli(
      [
        ...gateArgs(`${harbor.host}/team/sarifdir:1`, img.dir),
        '--signing-key',
        keyFile,
        '--attest-scan',
        '--sarif',
        sarifDir,
        '--json-report',
        path.join(sarifDir, '..', 'sarif-dir.json'),
        '--json',
      ],
      { HARBOR_GATE_KEY_PASSWORD: KEY_PASSWORD },
    );
    expect(run.code, run.stderr).toBe(2);
    const out = JSON.parse(run.stdout) as { verdict: string; failedStep: string; error: { code: string } };
    expect(out).toMatchObject({
      verdict: 'error',
      failedStep: 'reports',
      error: { code: 'REPORT_NOT_A_FILE' },
    });
    // Nothing was pushed, so there is nothing a deploy could take for a pass.
    expect(await tagsOf('team/sarifdir')).toEqual([]);
    const verify = await cli([
      'verify',
      '--image',
      `${harbor.host}/team/sarifdir@${img.digest}`,
      '--username',
      ROBOT,
      '--key',
      keyFile.replace(/\.key$/, '.pub'),
      '--require-gate-pass',
    ]);
    expect(verify.code).not.toBe(0);
    // The other reports still say what happened.
    const report = JSON.parse(fs.readFileSync(path.join(sarifDir, '..', 'sarif-dir.json'), 'utf8')) as {
      verdict: string;
      policyVerdict: unknown;
    };
    expect(report).toMatchObject({ verdict: 'error', policyVerdict: null });
  });

  it('a Harbor URL that is not Harbor: exit 2 before the first blob, nothing pushed', async () => {
    const img = await image('not-harbor');
    const { createServer } = await import('node:http');
    const page = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    const port = (page.address() as { port: number }).port;
    try {
      const args = gateArgs(`${harbor.host}/team/notharbor:1`, img.dir);
      args[args.indexOf('--harbor-url') + 1] = `http://127.0.0.1:${port}`;
      const run = await cli([...args, '--no-sign', '--json']);
      expect(run.code, run.stderr).toBe(2);
      const out = JSON.parse(run.stdout) as { verdict: string; failedStep: string; left?: string };
      expect(out).toMatchObject({ verdict: 'error', failedStep: 'scan' });
      expect(out.left).toBeUndefined();
      expect(await tagsOf('team/notharbor')).toEqual([]);
    } finally {
      page.close();
    }
  });
});
