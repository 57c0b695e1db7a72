import { describe, expect, it } from 'vitest';
import { cleanText, isCleanText } from '../../src/core/index.js';

describe('cleanText: outside text made safe for a terminal and a CI log', () => {
  const cases: [string, string, string][] = [
    [
      'a workflow command on a new line',
      'evilpkg\n::error title=Injected::pwned',
      'evilpkg :%3Aerror title=Injected:%3Apwned',
    ],
    ['CRLF and a set-output', 'a\r\n::set-output name=x::y', 'a :%3Aset-output name=x:%3Ay'],
    ['the legacy ##[ form', 'x\n##[error]boom', 'x ##%5Berror]boom'],
    ['stop-commands', '::stop-commands::token', ':%3Astop-commands:%3Atoken'],
    ['clear screen', 'a\u001b[2J\u001b[Hb', 'ab'],
    ['colours', '\u001b[31mred\u001b[0m', 'red'],
    ['an OSC 8 link', '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007', 'click'],
    ['an OSC 8 link ended by ST', '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\', 'click'],
    ['a C1 CSI', 'a\u009b2Jb', 'ab'],
    ['a title set by OSC 0', '\u001b]0;owned\u0007ok', 'ok'],
    ['NUL, BEL, backspace, DEL', 'a\u0000b\u0007c\bd\u007fe', 'abcde'],
    ['a tab becomes a space', 'a\tb', 'a b'],
    ['bidi overrides', 'abc\u202edcba\u2066x\u2069', 'abcdcbax'],
    ['unicode line separators', 'a\u2028b\u2029c\u0085d', 'a b c d'],
    ['GitLab section markers', 'x\r\u001b[0Ksection_start:1:evil\r\u001b[0K', 'x section_start%3A1:evil '],
    [
      'plain text stays',
      'openssl 3.0.2-0ubuntu1.10 (CVE-2023-0464)',
      'openssl 3.0.2-0ubuntu1.10 (CVE-2023-0464)',
    ],
    ['a single colon stays', 'pkg:deb/debian/openssl@3.0', 'pkg:deb/debian/openssl@3.0'],
  ];
  it.each(cases)('%s', (_name, input, want) => {
    const out = cleanText(input);
    expect(out).toBe(want);
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(out).not.toMatch(/(^|\s)::/);
    expect(isCleanText(out)).toBe(true);
  });

  it('bounds the length, with an ellipsis', () => {
    expect(cleanText('x'.repeat(5000), 100)).toHaveLength(100);
    expect(cleanText('x'.repeat(5000), 100).endsWith('…')).toBe(true);
    expect(cleanText('short', 100)).toBe('short');
  });

  it('takes any value', () => {
    expect(cleanText(undefined)).toBe('');
    expect(cleanText(null)).toBe('');
    expect(cleanText(42)).toBe('42');
  });

  it('is linear on long hostile input', () => {
    const input = '\u001b['.repeat(200_000) + '\u001b]'.repeat(200_000);
    const out = cleanText(input, 10_000_000);
    expect(out).not.toContain('\u001b');
  });
});
