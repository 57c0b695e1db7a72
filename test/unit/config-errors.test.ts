/**
 * A configuration error ends like any other error: in the Action, verdict `error` at the `inputs`
 * step with every output and the job summary set, the reports whose paths are known written, and
 * the message in the Action's words (`fail-on`, not `--fail-on`); in GitLab CI, the GitLab and
 * JUnit reports written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction, type ActionIO } from '../../src/action/main.js';
import { silentLogger } from '../../src/logger.js';
import { runCli } from '../helpers/cli.js';

const IMAGE = 'harbor.example.com/team/app:1';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-config-errors-'));

interface Recorded {
  outputs: Record<string, string>;
  failed: string[];
  summary: string[];
  printed: string[];
}

function actionIO(inputs: Record<string, string>): ActionIO & Recorded {
  const rec: Recorded = { outputs: {}, failed: [], summary: [], printed: [] };
  return {
    ...rec,
    getInput: (name) => inputs[name] ?? '',
    setOutput: (name, value) => {
      rec.outputs[name] = String(value);
    },
    setSecret: () => undefined,
    setFailed: (m) => {
      rec.failed.push(m);
    },
    writeSummary: (md) => {
      rec.summary.push(md);
      return Promise.resolve();
    },
    annotate: () => undefined,
    print: (t) => {
      rec.printed.push(t);
    },
    startGroup: () => undefined,
    endGroup: () => undefined,
    logger: silentLogger,
    isDebug: () => false,
  };
}

const cases: { name: string; inputs: Record<string, string>; code: string; words: RegExp }[] = [
  {
    name: 'fail-on: hgh',
    inputs: { image: IMAGE, 'fail-on': 'hgh' },
    code: 'CONFIG_BAD_VALUE',
    words: /input fail-on 'hgh'/,
  },
  { name: 'no image', inputs: {}, code: 'CLI_MISSING_FLAG', words: /input image/ },
  { name: 'a bad policy', inputs: { image: IMAGE, policy: 'POLICY' }, code: 'POLICY_', words: /./ },
];

describe('the Action: a refused configuration is a run that ended in error', () => {
  it.each(cases)('$name', async (c) => {
    const dir = fs.mkdtempSync(path.join(root, 'action-'));
    const policy = path.join(dir, 'policy.yaml');
    fs.writeFileSync(policy, 'fail-on: [not, a, severity]\n');
    const inputs = Object.fromEntries(
      Object.entries({
        ...c.inputs,
        junit: 'out/junit.xml',
        'gitlab-report': 'out/gl.json',
        'json-report': 'out/r.json',
      }).map(([k, v]) => [k, v === 'POLICY' ? policy : v]),
    );
    const io = actionIO(inputs);
    const code = await runAction(io, { GITHUB_WORKSPACE: dir });
    expect(code).toBe(2);
    // Every output is set from the record.
    expect(io.outputs.verdict).toBe('error');
    expect(io.outputs['failed-step']).toBe('inputs');
    for (const sev of ['critical', 'high', 'medium', 'low', 'unknown', 'fixable', 'violations'])
      expect(io.outputs[sev], sev).toBe('0');
    expect(io.outputs['junit-file']).toBe(path.join(dir, 'out/junit.xml'));
    expect(io.outputs['gitlab-report-file']).toBe(path.join(dir, 'out/gl.json'));
    // The job summary and the log say ERROR at the inputs step.
    expect(io.summary.join('')).toMatch(/ERROR: the inputs step could not finish/);
    expect(io.printed.join('')).toMatch(/ERROR: the inputs step could not finish/);
    // The message names the Action's inputs, never a CLI flag.
    expect(io.failed).toHaveLength(1);
    expect(io.failed[0]).toContain(c.code);
    expect(io.failed[0]).toMatch(c.words);
    expect(io.failed[0]).not.toMatch(/--[a-z]/);
    // The reports whose paths are known are written, with the same verdict.
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'out/r.json'), 'utf8')) as {
      verdict: string;
      failedStep: string;
      policyVerdict: unknown;
    };
    expect(json).toMatchObject({ verdict: 'error', failedStep: 'inputs', policyVerdict: null });
    expect(fs.readFileSync(path.join(dir, 'out/junit.xml'), 'utf8')).toMatch(/errors="1"/);
    const gl = JSON.parse(fs.readFileSync(path.join(dir, 'out/gl.json'), 'utf8')) as {
      scan: { status: string };
    };
    expect(gl.scan.status).toBe('failure');
  });
});

describe('GitLab CI: a refused configuration still writes the GitLab and JUnit reports', () => {
  it('--fail-on hgh: gl-container-scanning-report.json and the JUnit report say error, exit 2', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'gitlab-'));
    const r = await runCli(
      ['gate', '--image', IMAGE, '--fail-on', 'hgh', '--junit', 'junit.xml'],
      { GITLAB_CI: 'true' },
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('CONFIG_BAD_VALUE');
    const gl = JSON.parse(fs.readFileSync(path.join(dir, 'gl-container-scanning-report.json'), 'utf8')) as {
      scan: { status: string; messages: { level: string; value: string }[] };
    };
    expect(gl.scan.status).toBe('failure');
    expect(gl.scan.messages[0]!.value).toMatch(
      /ERROR: the inputs step could not finish: \[CONFIG_BAD_VALUE\]/,
    );
    expect(fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8')).toMatch(
      /classname="harbor-gate.step.inputs"/,
    );
  });

  it('no --image: the required-flag check ends as a run, gl-container-scanning-report.json and the JUnit report say error, exit 2', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'gitlab-'));
    const r = await runCli(['gate', '--junit', 'junit.xml'], { GITLAB_CI: 'true' }, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain('error [CLI_MISSING_FLAG]: gate: --image is required');
    const gl = JSON.parse(fs.readFileSync(path.join(dir, 'gl-container-scanning-report.json'), 'utf8')) as {
      scan: { status: string; messages: { level: string; value: string }[] };
    };
    expect(gl.scan.status).toBe('failure');
    expect(gl.scan.messages[0]!.value).toMatch(
      /ERROR: the inputs step could not finish: \[CLI_MISSING_FLAG\] gate: --image is required/,
    );
    const junit = fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/classname="harbor-gate.step.inputs"/);
    expect(junit).toMatch(/errors="1"/);
  });

  it('no --image outside GitLab CI and no report asked for: the error is told, no file written', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'plain-'));
    const r = await runCli(['gate'], {}, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain('error [CLI_MISSING_FLAG]: gate: --image is required');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
