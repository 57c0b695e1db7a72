/**
 * One verdict, every output: for each kind of outcome the console, the job summary, every report
 * file, `--json`, the Action's outputs and message, and the exit code say the same thing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setOutputs, type ActionIO } from '../../src/action/main.js';
import { resolveGateOptions, type RawGateInput } from '../../src/config/index.js';
import { gateJson, headline, runGate, runSteps, type GateResult } from '../../src/gate/index.js';
import { Redactor, silentLogger } from '../../src/logger.js';
import { parseReference } from '../../src/oci/index.js';
import { fakeWorld, finding, infra, input, type FakeWorld } from '../helpers/fake-roles.js';

const IMAGE = 'harbor.example.com/team/app:1';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-outputs-'));

function reportFlags(dir: string): RawGateInput {
  return {
    sarif: path.join(dir, 'r.sarif'),
    'gitlab-report': path.join(dir, 'gl.json'),
    junit: path.join(dir, 'junit.xml'),
    html: path.join(dir, 'r.html'),
    'json-report': path.join(dir, 'r.json'),
    summary: path.join(dir, 'summary.md'),
  };
}

async function viaFakes(world: FakeWorld, dir: string, raw: RawGateInput): Promise<GateResult> {
  const options = await resolveGateOptions(
    { image: IMAGE, source: 'oci:./img', 'signing-key': 'cosign.key', ...reportFlags(dir), ...raw },
    { env: {}, cwd: dir },
  );
  return runSteps(
    options,
    world.roles,
    { ref: parseReference(IMAGE) },
    {
      redactor: new Redactor(),
      logger: silentLogger,
    },
  );
}

interface Case {
  name: string;
  verdict: 'pass' | 'fail' | 'error';
  exit: 0 | 1 | 2 | 3;
  failedStep?: string;
  code?: string;
  /** The reports written (default: all six). */
  written?: string[];
  /** The registry must be left untouched: nothing pushed, tagged, signed or attested. */
  untouched?: boolean;
  run: (dir: string) => Promise<GateResult>;
  /** The fake world the run used, when it used one. */
  world?: FakeWorld;
}

/** What the fakes saw written to the registry. */
const WRITES = /^(push|tag|sbom|sign|attest)/;

const cases: Case[] = [
  {
    name: 'a clean image',
    verdict: 'pass',
    exit: 0,
    run: (dir) => viaFakes(fakeWorld(), dir, {}),
  },
  {
    name: 'a policy breach',
    verdict: 'fail',
    exit: 1,
    run: (dir) => {
      const w = fakeWorld();
      w.findings = [finding('CVE-2026-1000', 'critical', '1.2.3')];
      return viaFakes(w, dir, {});
    },
  },
  {
    name: 'keyless signing without a token, with --fail-on none',
    verdict: 'error',
    // After the push: exit 3, never 2 (2 means nothing was written).
    exit: 3,
    failedStep: 'sign',
    code: 'SIGN_NO_IDENTITY_TOKEN',
    run: (dir) => {
      const w = fakeWorld();
      w.fail.sign = input('SIGN_NO_IDENTITY_TOKEN');
      return viaFakes(w, dir, { 'fail-on': 'none' });
    },
  },
  {
    name: 'a scan that times out',
    verdict: 'error',
    exit: 3,
    failedStep: 'scan',
    code: 'SCAN_TIMEOUT',
    run: (dir) => {
      const w = fakeWorld();
      w.fail.scan = infra('SCAN_TIMEOUT');
      return viaFakes(w, dir, {});
    },
  },
  {
    name: 'Harbor down',
    verdict: 'error',
    exit: 3,
    failedStep: 'scan',
    code: 'HARBOR_UNREACHABLE',
    run: (dir) => {
      const w = fakeWorld();
      w.fail.preflight = infra('HARBOR_UNREACHABLE');
      return viaFakes(w, dir, {});
    },
  },
  (() => {
    // The reproduced bug: --attest-scan with --sarif naming a directory pushed a signed pass,
    // then ended error (exit 2). The report paths are checked before anything is written now.
    const c: Case = {
      name: 'a report path refused (--sarif names a directory, with --attest-scan)',
      verdict: 'error',
      exit: 2,
      failedStep: 'reports',
      code: 'REPORT_NOT_A_FILE',
      written: ['gitlab', 'html', 'json', 'junit', 'summary'],
      untouched: true,
      run: (dir) => {
        fs.mkdirSync(path.join(dir, 'r.sarif'));
        c.world = fakeWorld();
        return viaFakes(c.world, dir, { 'attest-scan': true });
      },
    };
    return c;
  })(),
  (() => {
    // The Harbor URL is not a Harbor: Harbor's preflight runs before the first write.
    const c: Case = {
      name: 'Harbor missing (the URL answers, but not as Harbor)',
      verdict: 'error',
      exit: 2,
      failedStep: 'scan',
      code: 'HARBOR_NOT_HARBOR',
      untouched: true,
      run: (dir) => {
        c.world = fakeWorld();
        c.world.fail.preflight = input('HARBOR_NOT_HARBOR');
        return viaFakes(c.world, dir, { 'attest-scan': true });
      },
    };
    return c;
  })(),
  (() => {
    // Credentials that may not push: the registry is asked (an upload opened and cancelled)
    // before the first blob, so the run stops with nothing written.
    const c: Case = {
      name: 'credentials that may not push',
      verdict: 'error',
      exit: 2,
      failedStep: 'push',
      code: 'REGISTRY_DENIED',
      untouched: true,
      run: (dir) => {
        c.world = fakeWorld();
        c.world.fail.checkPush = input('REGISTRY_DENIED');
        return viaFakes(c.world, dir, { 'attest-scan': true });
      },
    };
    return c;
  })(),
  // The cancelled run (SIGINT/SIGTERM: verdict error, failed step = the running step, reason
  // "cancelled (SIGTERM)", exit 143) joins these cases with the cancellation work (issue 19 item 3).
  {
    name: 'bad input (an SBOM file that is not there)',
    verdict: 'error',
    exit: 2,
    failedStep: 'inputs',
    code: 'SBOM_UNREADABLE',
    // The real path: the inputs are read before anything is opened or written.
    run: async (dir) =>
      runGate(
        await resolveGateOptions(
          { image: IMAGE, sbom: path.join(dir, 'missing.cdx.json'), 'no-sign': true, ...reportFlags(dir) },
          { env: {}, cwd: dir },
        ),
        { env: {} },
      ),
  },
];

function actionOutputs(result: GateResult): Record<string, string> {
  const out: Record<string, string> = {};
  const io = {
    setOutput: (n: string, v: string | number) => {
      out[n] = String(v);
    },
  } as unknown as ActionIO;
  setOutputs(io, result);
  return out;
}

const WORD = { pass: 'PASSED', fail: 'FAILED', error: 'ERROR' } as const;

describe('every output derives from the one verdict', () => {
  it.each(cases)('$name', async (c) => {
    const dir = fs.mkdtempSync(path.join(root, 'case-'));
    const r = await c.run(dir);
    // The result itself.
    expect(r.verdict).toBe(c.verdict);
    expect(r.verdict).toBe(c.verdict);
    expect(r.exitCode).toBe(c.exit);
    expect(r.failedStep).toBe(c.failedStep);
    if (c.code) expect(r.error?.code).toBe(c.code);
    // --json.
    const json = gateJson(r);
    expect(json.verdict).toBe(c.verdict);
    expect(json.exitCode).toBe(c.exit);
    expect(json.failedStep).toBe(c.failedStep);
    // The Action's outputs and message.
    const outputs = actionOutputs(r);
    expect(outputs.verdict).toBe(c.verdict);
    expect(outputs['failed-step']).toBe(c.failedStep ?? '');
    const message = headline(r);
    if (c.verdict === 'error') expect(message).toContain(`[${c.code ?? ''}]`);
    if (c.verdict === 'fail') expect(message).toMatch(/policy was breached \(1 violation\)/);
    if (c.verdict === 'pass') expect(message).toBe('the policy passed');
    // Console and job summary.
    expect(r.consoleText).toContain(WORD[c.verdict]);
    expect(r.summaryMarkdown).toContain(WORD[c.verdict]);
    for (const other of Object.values(WORD).filter((w) => w !== WORD[c.verdict])) {
      expect(r.consoleText, `console says ${other}`).not.toMatch(new RegExp(`\\b${other}:`));
    }
    // Every report was written, and says the same.
    expect(Object.keys(r.reports).sort()).toEqual(
      c.written ?? ['gitlab', 'html', 'json', 'junit', 'sarif', 'summary'],
    );
    if (c.untouched) {
      expect(c.world!.events.filter((e) => WRITES.test(e))).toEqual([]);
      expect(c.world!.verdicts).toEqual([]);
      expect(r.left).toBeUndefined();
    }
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')) as {
      verdict: string;
      policyVerdict: string | null;
      outcome: { verdict: string; failedStep?: string };
      counts: Record<string, number>;
      fixable: number;
      warnings: string[];
    };
    expect(report.verdict).toBe(c.verdict);
    expect(report.outcome.failedStep ?? undefined).toBe(c.failedStep);
    // The same counts, fixable and warnings in the report, --json and the Action's outputs.
    expect(report.counts).toEqual(json.counts);
    expect(report.fixable).toBe(json.fixable);
    expect(report.warnings).toEqual(json.warnings);
    for (const [sev, n] of Object.entries(report.counts)) expect(outputs[sev], sev).toBe(String(n));
    expect(outputs.fixable).toBe(String(report.fixable));
    // An errored run claims no policy verdict.
    if (c.verdict === 'error') expect(report.policyVerdict).toBeNull();
    if ((c.written ?? ['sarif']).includes('sarif')) {
      const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'r.sarif'), 'utf8')) as {
        runs: { invocations: { executionSuccessful: boolean }[] }[];
      };
      expect(sarif.runs[0]!.invocations[0]!.executionSuccessful).toBe(c.verdict !== 'error');
    }
    const gitlab = JSON.parse(fs.readFileSync(path.join(dir, 'gl.json'), 'utf8')) as {
      scan: { status: string };
    };
    expect(gitlab.scan.status).toBe(c.verdict === 'error' ? 'failure' : 'success');
    const junit = fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    const [, failures, errors] = /failures="(\d+)" errors="(\d+)"/.exec(junit) ?? [];
    expect(Number(errors) > 0).toBe(c.verdict === 'error');
    expect(Number(failures) > 0).toBe(c.verdict === 'fail');
    expect(fs.readFileSync(path.join(dir, 'r.html'), 'utf8')).toContain(WORD[c.verdict]);
    expect(fs.readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain(WORD[c.verdict]);
    if (c.failedStep) {
      for (const file of ['summary.md', 'r.html']) {
        // (Markdown escapes the underscores.)
        const text = fs.readFileSync(path.join(dir, file), 'utf8').replace(/\\_/g, '_');
        expect(text, file).toContain(c.code ?? '');
      }
    }
  });

  it('--report-only: the breach is reported everywhere, and nothing fails the build', async () => {
    const dir = fs.mkdtempSync(path.join(root, 'ro-'));
    const w = fakeWorld();
    w.findings = [finding('CVE-2026-1000', 'critical', '1.2.3')];
    const r = await viaFakes(w, dir, { 'report-only': true });
    expect(r.verdict).toBe('fail');
    expect(r.exitCode).toBe(0);
    expect(gateJson(r).reportOnly).toBe(true);
    expect(actionOutputs(r).verdict).toBe('fail');
    expect(headline(r)).toMatch(/reported only/);
    expect(r.consoleText).toMatch(/reported only/);
    expect(r.summaryMarkdown).toMatch(/reported only/);
  });
});
