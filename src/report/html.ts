/**
 * A self-contained HTML report: no external assets, inline CSS and JS allowed by a
 * Content-Security-Policy that names their hashes (nothing else may run), an inline SVG severity
 * chart, the verdict, a filterable findings table (text and severity), waivers and the fix plan.
 */
import { createHash } from 'node:crypto';
import { SEVERITIES, type Severity } from '../core/index.js';
import {
  REPORT_LIMITS,
  firstUrl,
  clean,
  cvssText,
  durationText,
  findingPlatforms,
  harborArtifactUrl,
  multiPlatform,
  oneLine,
  outcomeLine,
  policyFacts,
  reportSteps,
  runVerdict,
  SEVERITY_LABEL,
  stepFacts,
  stepLabel,
  statusLabel,
  truncate,
  WAIVER_LABEL,
  type ReportInput,
} from './common.js';

/** The most rows the findings table holds; a note says when more were left out. */
export const HTML_MAX_ROWS: number = REPORT_LIMITS.tableRows;

export function htmlEscape(text: string): string {
  return clean(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const COLOR: Record<Severity, string> = {
  critical: '#b91c1c',
  high: '#ea580c',
  medium: '#ca8a04',
  low: '#2563eb',
  unknown: '#6b7280',
};

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#111827;background:#f9fafb}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 8px}
.ref{overflow-wrap:anywhere}
.verdict{padding:12px 16px;border-radius:6px;font-weight:600;margin:12px 0;overflow-wrap:anywhere}
.pass{background:#dcfce7;color:#14532d}.fail{background:#fee2e2;color:#7f1d1d}.error{background:#fef3c7;color:#78350f}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
.nowrap{white-space:nowrap}
.scroll{overflow-x:auto}
td.desc{min-width:16em}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6}
td.num,th.num{text-align:right}
.sev{font-weight:600}.sev-critical{color:#b91c1c}.sev-high{color:#ea580c}.sev-medium{color:#a16207}.sev-low{color:#2563eb}.sev-unknown{color:#6b7280}
.controls{display:flex;gap:8px;align-items:center;margin:8px 0;flex-wrap:wrap}
.controls input{padding:4px 8px;min-width:260px}
.muted{color:#6b7280}
ul{padding-left:20px}
#counts th,#counts td{padding:4px 6px}
svg{max-width:100%;height:auto}
@media (max-width:640px){
main{padding:12px}
h1{font-size:18px}
#steps,#steps tbody{display:block}
#steps thead{display:none}
#steps tr{display:grid;grid-template-columns:1fr auto auto;border:1px solid #e5e7eb;border-bottom:0;background:#fff}
#steps tr:last-child{border-bottom:1px solid #e5e7eb}
#steps td{border:0}
#steps td:first-child{font-weight:600}
#steps td:nth-child(4){grid-column:1/-1;padding-top:0}
#counts{font-size:13px}
#counts th,#counts td{padding:4px 4px}
.controls input{min-width:0;width:100%}
}
`.trim();

const JS = `
(function(){
var q=document.getElementById('filter'),s=document.getElementById('severity'),st=document.getElementById('status'),n=document.getElementById('shown');
var rows=Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
var texts=rows.map(function(r){return r.textContent.toLowerCase();});
function apply(){var t=q.value.trim().toLowerCase(),sv=s.value,sv2=st.value,c=0;
rows.forEach(function(r,i){var ok=(!t||texts[i].indexOf(t)>=0)&&(!sv||r.getAttribute('data-severity')===sv)&&(!sv2||r.getAttribute('data-status')===sv2);r.hidden=!ok;if(ok)c++;});
n.textContent=String(c);}
q.addEventListener('input',apply);s.addEventListener('change',apply);st.addEventListener('change',apply);apply();
})();
`.trim();

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

function chart(input: ReportInput): string {
  const counts = input.counts;
  const max = Math.max(1, ...SEVERITIES.map((s) => counts[s]));
  const rowH = 26;
  const width = 520;
  const barMax = 360;
  const bars = SEVERITIES.map((s, i) => {
    const y = i * rowH + 4;
    const w = counts[s] === 0 ? 0 : Math.max(2, Math.round((counts[s] / max) * barMax));
    return (
      `<text x="0" y="${y + 15}" font-size="13" fill="#374151">${SEVERITY_LABEL[s]}</text>` +
      `<rect x="80" y="${y}" width="${w}" height="18" rx="3" fill="${COLOR[s]}"/>` +
      `<text x="${86 + w}" y="${y + 15}" font-size="13" fill="#111827">${counts[s]}</text>`
    );
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Findings by severity" width="${width}" height="${SEVERITIES.length * rowH + 8}" viewBox="0 0 ${width} ${SEVERITIES.length * rowH + 8}">${bars}</svg>`;
}

function link(id: string, links: readonly string[]): string {
  const url = firstUrl(links);
  return url
    ? `<a href="${htmlEscape(url)}" rel="noreferrer noopener">${htmlEscape(id)}</a>`
    : htmlEscape(id);
}

export function renderHtml(input: ReportInput): string {
  const v = input;
  const title = `harbor-gate report: ${oneLine(input.image)}`;
  const verdict = runVerdict(input);
  const parts: string[] = [];
  parts.push(
    `<h1 id="title">harbor-gate report: <span class="ref">${htmlEscape(oneLine(input.image))}</span></h1>`,
  );
  parts.push(
    `<p class="muted">digest <code class="ref">${htmlEscape(input.digest)}</code> · generated ${htmlEscape(input.generatedAt.toISOString())} by ${htmlEscape(`${input.tool.name} ${input.tool.version}`)}${input.report?.scanner ? ` · scanner ${htmlEscape(`${input.report.scanner.name} ${input.report.scanner.version}`)}` : ''}</p>`,
  );
  parts.push(
    `<div id="verdict" class="verdict ${verdict}" data-verdict="${verdict}">${htmlEscape(oneLine(outcomeLine(input)))}${input.verdict === 'error' && input.error ? `<br><span class="muted">remedy: ${htmlEscape(oneLine(input.error.remedy))}</span>` : ''}${input.left ? `<br><span class="muted">${htmlEscape(oneLine(input.left))}</span>` : ''}</div>`,
  );
  const harbor = harborArtifactUrl(input);
  if (harbor)
    parts.push(
      `<p><a id="harbor-link" class="ref" href="${htmlEscape(harbor)}" rel="noreferrer noopener">Open the artifact in Harbor</a></p>`,
    );

  const steps = reportSteps(input);
  if (steps.length > 0) {
    parts.push(
      '<h2>Steps</h2><div class="scroll"><table id="steps"><thead><tr><th>step</th><th>result</th><th class="num">time</th><th>details</th></tr></thead><tbody>',
    );
    for (const [name, st] of steps) {
      const time = st.seconds !== undefined && st.status !== 'skipped' ? durationText(st.seconds) : '';
      parts.push(
        `<tr data-step="${htmlEscape(name)}"><td class="nowrap">${htmlEscape(stepLabel(name))}</td><td>${htmlEscape(st.status)}</td><td class="num nowrap">${time}</td><td class="ref">${stepFacts(
          name,
          st,
        )
          .map((f) => htmlEscape(oneLine(f)))
          .join('<br>')}</td></tr>`,
      );
    }
    parts.push('</tbody></table></div>');
  }
  parts.push(
    `<h2>Policy</h2><ul id="policy">${policyFacts(input.policy)
      .map((f) => `<li>${htmlEscape(f)}</li>`)
      .join('')}</ul>`,
  );

  parts.push('<h2>Findings by severity</h2>');
  if (!input.report) {
    const scan = input.steps.scan;
    parts.push(
      `<p id="not-scanned">${
        scan.status === 'failed'
          ? `Not scanned: the scan failed${scan.error ? ` (${htmlEscape(oneLine(scan.error))})` : ''}.`
          : `Not scanned${scan.detail ? ` (${htmlEscape(oneLine(scan.detail))})` : ''}: no vulnerability results.`
      }</p>`,
    );
  } else parts.push(chart(input));
  parts.push(
    `<div class="scroll"><table id="counts"><thead><tr><th></th>${SEVERITIES.map((s) => `<th class="num">${SEVERITY_LABEL[s]}</th>`).join('')}</tr></thead><tbody>` +
      `<tr><th>found</th>${SEVERITIES.map((s) => `<td class="num" id="count-${s}">${v.counts[s]}</td>`).join('')}</tr>` +
      `<tr><th>after waivers</th>${SEVERITIES.map((s) => `<td class="num" id="after-${s}">${v.countsAfterWaivers[s]}</td>`).join('')}</tr>` +
      '</tbody></table></div>',
  );

  if (v.violations.length > 0) {
    parts.push(`<h2>Violations (${v.violations.length})</h2><ul id="violations">`);
    for (const x of v.violations.slice(0, HTML_MAX_ROWS))
      parts.push(`<li><strong>${htmlEscape(x.rule)}</strong>: ${htmlEscape(oneLine(x.reason))}</li>`);
    parts.push('</ul>');
    if (v.violations.length > HTML_MAX_ROWS)
      parts.push(`<p class="muted">${v.violations.length - HTML_MAX_ROWS} more violations not shown.</p>`);
  }
  if (v.warnings.length > 0) {
    parts.push('<h2>Warnings</h2><ul>');
    for (const w of v.warnings) parts.push(`<li>${htmlEscape(oneLine(w))}</li>`);
    parts.push('</ul>');
  }
  const plan = v.fixPlan;
  if (plan.steps.length > 0 || plan.noFix.length > 0) {
    parts.push('<h2>Fix plan</h2><ol id="fixplan">');
    for (const s of plan.steps)
      parts.push(
        `<li>${htmlEscape(s.text)} <span class="muted">(${htmlEscape(s.ids.join(', '))})</span></li>`,
      );
    parts.push('</ol>');
    if (plan.noFix.length > 0) {
      parts.push(
        `<p>No fix available yet: ${plan.noFix.map((f) => `${htmlEscape(f.id)} (${htmlEscape(f.package)})`).join(', ')}</p>`,
      );
    }
  }

  const rows = v.findings.slice(0, HTML_MAX_ROWS);
  parts.push(`<h2>Findings (${v.findings.length})</h2>`);
  parts.push(
    '<div class="controls"><label>Filter <input id="filter" type="search" placeholder="id, package, version…" autocomplete="off"></label>' +
      `<label>Severity <select id="severity"><option value="">all</option>${SEVERITIES.map((s) => `<option value="${s}">${SEVERITY_LABEL[s]}</option>`).join('')}</select></label>` +
      '<label>Status <select id="status"><option value="">all</option><option value="violation">violation</option><option value="waived">waived</option><option value="ignored-unfixed">unfixed (ignored)</option><option value="ok">below threshold</option></select></label>' +
      `<span><span id="shown">${rows.length}</span> of ${rows.length} shown</span></div>`,
  );
  const multi = multiPlatform(input);
  parts.push(
    `<div class="scroll"><table id="findings"><thead><tr><th>id</th><th>package</th><th>installed</th><th>fixed in</th><th>severity</th><th class="num">CVSS</th><th>status</th>${multi ? '<th>platforms</th>' : ''}<th>description</th></tr></thead><tbody>`,
  );
  for (const f of rows) {
    parts.push(
      `<tr data-severity="${f.severity}" data-status="${f.status}"><td class="nowrap">${link(f.id, f.links)}</td><td>${htmlEscape(f.package)}</td><td class="nowrap"><code>${htmlEscape(f.version)}</code></td><td class="nowrap">${f.fixVersion !== undefined ? `<code>${htmlEscape(f.fixVersion)}</code>` : '<span class="muted">no fix</span>'}</td>` +
        `<td class="sev sev-${f.severity}">${SEVERITY_LABEL[f.severity]}</td><td class="num">${cvssText(f)}</td><td>${htmlEscape(statusLabel(f, v.waivers))}</td>${multi ? `<td>${htmlEscape(findingPlatforms(f))}</td>` : ''}<td class="desc">${htmlEscape(truncate(oneLine(f.description ?? ''), 300))}</td></tr>`,
    );
  }
  parts.push('</tbody></table></div>');
  if (v.findings.length > rows.length)
    parts.push(
      `<p class="muted">${v.findings.length - rows.length} more findings not shown; see the JSON report.</p>`,
    );

  if (v.waivers.length > 0) {
    parts.push(
      `<h2>Waivers (${v.waivers.length})</h2><div class="scroll"><table id="waivers"><thead><tr><th>id</th><th>package</th><th>installed</th><th>waived by</th><th>reason</th><th>expires</th></tr></thead><tbody>`,
    );
    for (const w of v.waivers.slice(0, HTML_MAX_ROWS)) {
      parts.push(
        `<tr><td>${htmlEscape(w.finding.id)}</td><td>${htmlEscape(w.finding.package)}</td><td><code>${htmlEscape(w.finding.version)}</code></td><td>${htmlEscape(WAIVER_LABEL[w.source] ?? w.source)}</td><td>${htmlEscape(oneLine(w.reason))}</td><td>${htmlEscape(w.expires ?? '')}</td></tr>`,
      );
    }
    parts.push('</tbody></table></div>');
  }
  if (v.vexNotes.length > 0) {
    parts.push(
      `<h2>VEX statements that do not waive (${v.vexNotes.length})</h2><div class="scroll"><table id="vex-notes"><thead><tr><th>id</th><th>package</th><th>installed</th><th>VEX status</th><th>statement</th><th>document</th></tr></thead><tbody>`,
    );
    for (const { finding: f, vex: x } of v.vexNotes.slice(0, HTML_MAX_ROWS)) {
      parts.push(
        `<tr><td>${htmlEscape(f.id)}</td><td>${htmlEscape(f.package)}</td><td><code>${htmlEscape(f.version)}</code></td><td>${htmlEscape(x.status)}</td><td>${htmlEscape(oneLine(x.actionStatement ?? x.statusNotes ?? x.impactStatement ?? ''))}</td><td>${htmlEscape(x.document)}</td></tr>`,
      );
    }
    parts.push('</tbody></table></div>');
  }
  if (v.expiredEntries.length > 0 || v.staleEntries.length > 0) {
    parts.push('<h2>Allowlist housekeeping</h2><ul>');
    for (const e of v.expiredEntries)
      parts.push(
        `<li>expired: ${htmlEscape(e.entry.id)} (on ${htmlEscape(e.entry.expires ?? '')}, matches ${e.matched})</li>`,
      );
    for (const e of v.staleEntries)
      parts.push(
        `<li>stale (matches nothing): ${htmlEscape(e.id)}${e.package ? ` in ${htmlEscape(e.package)}` : ''}</li>`,
      );
    parts.push('</ul>');
  }

  const csp = `default-src 'none'; style-src 'sha256-${sha256(CSS)}'; script-src 'sha256-${sha256(JS)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${htmlEscape(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body><main>',
    ...parts,
    '</main>',
    `<script>${JS}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
