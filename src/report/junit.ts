/** JUnit XML: one failing test case per violation (CI test tabs show them), a passing one when clean. */
import {
  clean,
  cutList,
  cutNote,
  oneLine,
  outcomeLine,
  runVerdict,
  SEVERITY_LABEL,
  type ReportInput,
} from './common.js';
import { SEVERITIES } from '../core/index.js';

/** Escapes text for XML content and attributes; drops characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return clean(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** Text content keeps its newlines. */
function xmlText(text: string): string {
  return xmlEscape(text).replace(/&#10;/g, '\n').replace(/&#9;/g, '\t');
}

export function renderJunit(input: ReportInput): string {
  const v = input;
  const suite = `harbor-gate ${oneLine(input.image)}`;
  const cases: string[] = [];
  const violations = cutList(v.violations, (x) => x.severity ?? x.finding?.severity);
  for (const x of violations.shown) {
    const f = x.finding;
    const name = f ? `${x.rule}: ${f.id} in ${f.package} ${f.version}` : `${x.rule}: ${x.reason}`;
    const body = f
      ? [
          x.reason,
          `Package: ${f.package}`,
          `Installed: ${f.version}`,
          `Fixed in: ${f.fixVersion ?? 'no fix yet'}`,
          `Severity: ${SEVERITY_LABEL[f.severity]}`,
          f.cvss ? `CVSS: ${f.cvss.score} (v${f.cvss.version})` : '',
          f.platforms.length > 0 ? `Platforms: ${f.platforms.join(', ')}` : '',
          f.links[0] ? `More: ${f.links[0]}` : '',
        ]
          .filter((l) => l !== '')
          .join('\n')
      : x.reason;
    cases.push(
      `    <testcase classname="${xmlEscape(`harbor-gate.${x.rule}`)}" name="${xmlEscape(oneLine(name))}" time="0">\n` +
        `      <failure message="${xmlEscape(oneLine(x.reason))}" type="${xmlEscape(x.rule)}">${xmlText(body)}</failure>\n` +
        `    </testcase>`,
    );
  }
  if (violations.left > 0) {
    // One failure stands for the violations cut, so the failure count still says "failed".
    const note = cutNote('violations', violations);
    cases.push(
      `    <testcase classname="harbor-gate.policy" name="${xmlEscape(`${violations.left} more violations`)}" time="0">\n` +
        `      <failure message="${xmlEscape(note)}" type="cut">${xmlText(note)}</failure>\n` +
        `    </testcase>`,
    );
  }
  const outcome = input;
  let errors = 0;
  if (outcome.verdict === 'error') {
    errors = 1;
    const step = outcome.failedStep ?? 'run';
    const body = [
      outcome.error
        ? `[${outcome.error.code}] ${outcome.error.message}\nRemedy: ${outcome.error.remedy}`
        : outcomeLine(input),
      ...(outcome.error?.causes ?? []).map((c) => `Cause: ${c}`),
      ...(input.left ? [input.left] : []),
    ].join('\n');
    cases.push(
      `    <testcase classname="${xmlEscape(`harbor-gate.step.${step}`)}" name="${xmlEscape(oneLine(outcomeLine(input)))}" time="0">\n` +
        `      <error message="${xmlEscape(oneLine(outcomeLine(input)))}" type="${xmlEscape(outcome.error?.code ?? 'error')}">${xmlText(body)}</error>\n` +
        `    </testcase>`,
    );
  }
  if (v.violations.length === 0 && errors === 0) {
    const found = v.findings.length;
    cases.push(
      `    <testcase classname="harbor-gate.policy" name="${xmlEscape(`policy passed (${found} finding${found === 1 ? '' : 's'}, ${v.waivers.length} waived)`)}" time="0"/>`,
    );
  }
  const props = [
    ['image', input.image],
    ['digest', input.digest],
    ['verdict', runVerdict(input)],
    ...(violations.left > 0 ? [['violations', String(violations.total)]] : []),
    ...(outcome.reportOnly ? [['reportOnly', 'true']] : []),
    ...SEVERITIES.map((s) => [s, String(input.counts[s])]),
    ['fixable', String(input.fixable)],
    ['generatedAt', input.generatedAt.toISOString()],
    ['tool', `${input.tool.name} ${input.tool.version}`],
  ]
    .map(([k, val]) => `      <property name="${xmlEscape(k!)}" value="${xmlEscape(val!)}"/>`)
    .join('\n');
  const tests = cases.length;
  const failures = violations.shown.length + (violations.left > 0 ? 1 : 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="harbor-gate" tests="${tests}" failures="${failures}" errors="${errors}" time="0">`,
    `  <testsuite name="${xmlEscape(suite)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="0" timestamp="${input.generatedAt.toISOString().slice(0, 19)}">`,
    '    <properties>',
    props,
    '    </properties>',
    ...cases,
    // The run's warnings, where JUnit viewers show a suite's output.
    ...(v.warnings.length > 0
      ? [
          `    <system-out>${xmlText(v.warnings.map((w) => `warning: ${oneLine(w)}`).join('\n'))}</system-out>`,
        ]
      : []),
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${out.join('\n')}\n`;
}
