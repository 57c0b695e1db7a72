import fs from 'node:fs';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { BOOLEAN_INPUTS, MULTI_INPUTS, STRING_INPUTS } from '../../src/action/main.js';
import { gateCommand } from '../../src/cli/commands/gate.js';
import { COMMON_FLAGS } from '../../src/core/index.js';

interface ActionYaml {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const action = YAML.parse(fs.readFileSync('action.yml', 'utf8')) as ActionYaml;
/** Inputs the adapter reads besides the plain string/boolean ones. */
const SPECIAL = ['tags', 'sign', 'scan', 'password', 'key-password', 'job-summary', 'debug'];

describe('action.yml', () => {
  it('runs on node24 from the committed bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/action.cjs' });
    expect(fs.existsSync(action.runs.main)).toBe(true);
  });

  it('declares exactly the inputs the adapter reads', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(
      [...STRING_INPUTS, ...BOOLEAN_INPUTS, ...MULTI_INPUTS, ...SPECIAL].sort(),
    );
  });

  it('has an input for every flag of the gate command (CLI.md: same names without dashes)', () => {
    const renamed: Record<string, string> = {
      tag: 'tags',
      'no-sign': 'sign',
      'no-scan': 'scan',
      'password-stdin': 'password',
    };
    const cliOnly = new Set(['json', 'help']);
    for (const flag of [...gateCommand.flags, ...COMMON_FLAGS]) {
      if (cliOnly.has(flag)) continue;
      expect(action.inputs, `input for --${flag}`).toHaveProperty(renamed[flag] ?? flag);
    }
  });

  it('gives policy inputs no default, so they never override the policy file', () => {
    for (const name of [
      'fail-on',
      'ignore-unfixed',
      'cvss-threshold',
      'on-scan-error',
      'require-sbom',
      'use-harbor-allowlist',
    ]) {
      expect(action.inputs[name]?.default, name).toBeUndefined();
    }
    expect(action.inputs.sign?.default).toBe('true');
    expect(action.inputs.scan?.default).toBe('true');
  });

  it('declares the outputs CLI.md promises', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(
      [
        'digest',
        'image',
        'verdict',
        'failed-step',
        'tags',
        'violations',
        'waivers',
        'vex-waivers',
        'critical',
        'high',
        'medium',
        'low',
        'unknown',
        'fixable',
        'sbom-digest',
        'signature-digest',
        'provenance-digest',
        'bundle-path',
        'sarif-file',
        'gitlab-report-file',
        'junit-file',
        'html-file',
        'json-report-file',
      ].sort(),
    );
  });
});

describe('README', () => {
  const readme = fs.readFileSync('README.md', 'utf8');

  it('documents every flag and every Action input', async () => {
    const { FLAGS } = await import('../../src/core/index.js');
    for (const flag of Object.keys(FLAGS)) {
      if (flag === 'help') continue;
      expect(readme, `--${flag}`).toContain(`--${flag}`);
    }
    for (const input of Object.keys(action.inputs)) {
      expect(readme, input).toContain(input);
    }
    for (const output of Object.keys(action.outputs)) {
      expect(readme, output).toContain(`\`${output}\``);
    }
  });

  it('gives the two commands a new user runs', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
  });
});
