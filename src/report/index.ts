/**
 * Report writers: pure functions of a ReportInput that return strings; the gate writes the files.
 */
import type { ReportInput } from './common.js';
import { renderConsole } from './console.js';
import { renderGitlabReport } from './gitlab.js';
import { renderHtml } from './html.js';
import { renderJsonReport } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';

export type { ReportInput, StepInfo } from './common.js';
export { REPORT_LIMITS, cutJson, cutList, type Cut } from './common.js';
export { deepFreeze, type RunRecord, type VexRun, type ReportPaths } from './record.js';
export { renderConsole, type ConsoleOptions } from './console.js';
export { renderMarkdown, mdEscape, MARKDOWN_MAX_BYTES, type MarkdownOptions } from './markdown.js';
export { buildSarif, renderSarif, SARIF_MAX_RESULTS, type SarifOptions } from './sarif.js';
export { buildGitlabReport, renderGitlabReport, stableUuid, GITLAB_SCHEMA_VERSION } from './gitlab.js';
export { renderJunit, xmlEscape } from './junit.js';
export {
  buildJsonReport,
  renderJsonReport,
  policyJson,
  findingRef,
  findingJson,
  violationJson,
  waiverJson,
  vexNoteJson,
  errorJson,
  vexJson,
  JSON_REPORT_SCHEMA_VERSION,
} from './json.js';
export { renderHtml, htmlEscape, HTML_MAX_ROWS } from './html.js';

/** The file formats, named like the flags that request them. */
export type ReportFormat = 'sarif' | 'gitlab' | 'junit' | 'html' | 'json' | 'summary' | 'console';

export const REPORT_FORMATS: readonly ReportFormat[] = [
  'sarif',
  'gitlab',
  'junit',
  'html',
  'json',
  'summary',
  'console',
];

export interface RenderedReport {
  format: ReportFormat;
  content: string;
}

const WRITERS: Record<ReportFormat, (input: ReportInput) => string> = {
  sarif: (i) => renderSarif(i),
  gitlab: renderGitlabReport,
  junit: renderJunit,
  html: renderHtml,
  json: renderJsonReport,
  summary: (i) => renderMarkdown(i),
  console: (i) => renderConsole(i, { color: false }),
};

/** Renders each requested format once, in the order asked. Pure: the caller writes the files. */
export function renderReports(input: ReportInput, formats: readonly ReportFormat[]): RenderedReport[] {
  return [...new Set(formats)].map((format) => ({ format, content: WRITERS[format](input) }));
}
