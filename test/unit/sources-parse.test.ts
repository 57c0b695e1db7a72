import { describe, expect, it } from 'vitest';
import { formatSource, matchesRef, normalizeDockerRef, parseSource } from '../../src/oci/sources/index.js';

describe('parseSource', () => {
  it.each([
    ['oci:./img', { kind: 'oci', path: './img' }],
    ['oci:./img:1.0', { kind: 'oci', path: './img', ref: '1.0' }],
    [
      'oci:/abs/img:docker.io/library/app:latest',
      { kind: 'oci', path: '/abs/img', ref: 'docker.io/library/app:latest' },
    ],
    ['oci:img:@1', { kind: 'oci', path: 'img', ref: '@1' }],
    ['oci-archive:img.tar', { kind: 'oci-archive', path: 'img.tar' }],
    ['oci-archive:img.tar:v2', { kind: 'oci-archive', path: 'img.tar', ref: 'v2' }],
    ['docker-archive:app.tar', { kind: 'docker-archive', path: 'app.tar' }],
    ['docker-archive:app.tar:app:1.0', { kind: 'docker-archive', path: 'app.tar', ref: 'app:1.0' }],
    ['docker-daemon:app:1.0', { kind: 'docker-daemon', path: 'app:1.0' }],
    [
      'docker-daemon:localhost:5000/team/app:1.0',
      { kind: 'docker-daemon', path: 'localhost:5000/team/app:1.0' },
    ],
    [
      `docker-daemon:app@sha256:${'a'.repeat(64)}`,
      { kind: 'docker-daemon', path: `app@sha256:${'a'.repeat(64)}` },
    ],
  ])('%s', (spec, want) => {
    const parsed = parseSource(spec);
    expect(parsed).toEqual(want);
    expect(formatSource(parsed)).toBe(spec);
  });

  it.each([
    '',
    'img',
    './img',
    'oci:',
    'oci::1.0',
    'oci:img:',
    'docker://registry/app:1',
    'docker-daemon:app',
    'docker-daemon:localhost:5000/app',
    'docker-daemon:app:',
    'oci:my img',
    'dir:./img',
  ])('refuses %j with SOURCE_INVALID (input)', (spec) => {
    expect(() => parseSource(spec)).toThrow(
      expect.objectContaining({ code: 'SOURCE_INVALID', kind: 'input' }),
    );
  });
});

describe('ref matching', () => {
  it.each([
    ['app', 'docker.io/library/app:latest'],
    ['me/app:1', 'docker.io/me/app:1'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['ghcr.io/o/app:2', 'ghcr.io/o/app:2'],
  ])('normalises %s', (ref, want) => {
    expect(normalizeDockerRef(ref)).toBe(want);
  });

  it.each([
    ['1.0', '1.0', true],
    ['docker.io/library/app:1.0', '1.0', true],
    ['docker.io/library/app:1.0', 'app:1.0', true],
    ['app:latest', 'docker.io/library/app', true],
    ['docker.io/library/app:10', '0', false],
    ['app:1.0', '1.1', false],
    ['other:1.0', 'app:1.0', false],
  ])('%s matches %s: %s', (stored, ref, want) => {
    expect(matchesRef(stored, ref)).toBe(want);
  });
});
