/**
 * Neutralising text that came from outside (a registry, Harbor, a scanner, an SBOM, a signature)
 * before it reaches a terminal or a CI log. One function, used where outside data enters.
 *
 * - C0 and C1 control characters, DEL, and ANSI/VT escape sequences (CSI, OSC such as OSC 8 links,
 *   DCS/APC/PM/SOS strings) are removed: no clearing the screen, moving the cursor, fake links.
 * - Line breaks (CR, LF, U+2028/2029, VT, FF, NEL) are folded to one space: outside text can never
 *   start a line of its own in a log, so it can never start a workflow command.
 * - Bidirectional overrides and isolates (U+202A-202E, U+2066-2069) are removed, so the text shows
 *   the order it has.
 * - Workflow-command markers are escaped the way the GitHub Actions toolkit escapes the data of its own
 *   commands (percent-encoding): `::` -> `:%3A`, `##[` -> `##%5B`; GitLab's section markers
 *   (`section_start:`, `section_end:`) likewise lose their colon.
 * - The result is bounded: at most `max` characters (default 1000), with an ellipsis when cut.
 */

const ESCAPE_SEQUENCE =
  // OSC, DCS, SOS, PM, APC strings up to BEL or ST; CSI sequences; other two-byte ESC sequences.
  // eslint-disable-next-line no-control-regex
  /\u001b(?:[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\[[0-?]*[ -/]*[@-~]?|[@-Z\\-_]|[ -/]*[0-~]?)|\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u0098\u009d\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /[\r\n\u000b\u000c\u0085\u2028\u2029]+/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\t]/g;

export const DEFAULT_TEXT_MAX = 1000;

export function cleanText(value: unknown, max: number = DEFAULT_TEXT_MAX): string {
  let s =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : value instanceof Error
          ? value.message
          : '';
  // Bound the work first: escape sequences never make a string longer.
  if (s.length > max * 4 + 64) s = s.slice(0, max * 4 + 64);
  s = s
    .replace(ESCAPE_SEQUENCE, '')
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROL, (c) => (c === '\t' ? ' ' : ''))
    .replace(/::/g, ':%3A')
    .replace(/##\[/g, '##%5B')
    .replace(/(section_(?:start|end)):/gi, '$1%3A');
  if (s.length > max) s = s.slice(0, Math.max(0, max - 1)) + '…';
  return s;
}

/** True when the text holds nothing cleanText would change (apart from its length). */
export function isCleanText(value: string): boolean {
  return cleanText(value, Number.MAX_SAFE_INTEGER) === value;
}

// eslint-disable-next-line no-control-regex
const ANY_LINE_BREAK = /\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/;

/**
 * Text of several lines (our own messages that quote outside text, a scan log's tail): split at
 * line breaks, each line cleaned with cleanText's rules, rejoined with `\n`. Each line is bounded
 * only by `maxLine` (default: not bounded), so a log keeps what it was given, minus anything that
 * could start a workflow command or move the terminal.
 */
export function cleanLines(value: unknown, maxLine: number = Number.MAX_SAFE_INTEGER): string {
  const s = typeof value === 'string' ? value : cleanText(value, Number.MAX_SAFE_INTEGER);
  if (!ANY_LINE_BREAK.test(s)) return cleanText(s, maxLine);
  return s
    .split(ANY_LINE_BREAK)
    .map((line) => cleanText(line, maxLine))
    .join('\n');
}

/** Default bound of a multi-line description kept for reports. */
export const DEFAULT_DESCRIPTION_MAX = 8000;

// eslint-disable-next-line no-control-regex
const REPORT_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Outside prose kept for reports (a vulnerability's description): escape sequences and control
 * characters removed, line breaks normalised to `\n` and kept, tabs kept, bounded. It is NOT safe
 * for a terminal or a CI log as it is (a line may still start with `::`): pass it through
 * cleanText or cleanLines before logging it.
 */
export function cleanProse(value: unknown, max: number = DEFAULT_DESCRIPTION_MAX): string {
  let s = typeof value === 'string' ? value : cleanText(value, Number.MAX_SAFE_INTEGER);
  if (s.length > max * 4 + 64) s = s.slice(0, max * 4 + 64);
  s = s
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(REPORT_CONTROL, '');
  if (s.length > max) s = s.slice(0, Math.max(0, max - 1)) + '…';
  return s;
}
