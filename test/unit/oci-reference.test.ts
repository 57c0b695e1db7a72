import { describe, expect, it } from 'vitest';
import { GateError } from '../../src/errors.js';
import { isValidDigest } from '../../src/core/index.js';
import { parseReference, parseRepositoryName } from '../../src/oci/reference.js';

const D = 'sha256:' + 'a'.repeat(64);

describe('parseReference', () => {
  it.each([
    [
      'registry.example.com/proj/app:1.2.3',
      'registry.example.com',
      'registry.example.com',
      'proj/app',
      '1.2.3',
      undefined,
    ],
    ['127.0.0.1:5000/a/b/c', '127.0.0.1:5000', '127.0.0.1:5000', 'a/b/c', undefined, undefined],
    ['localhost/app:v1', 'localhost', 'localhost', 'app', 'v1', undefined],
    ['localhost:5000/app@' + D, 'localhost:5000', 'localhost:5000', 'app', undefined, D],
    ['harbor.local:8443/p/app:1@' + D, 'harbor.local:8443', 'harbor.local:8443', 'p/app', '1', D],
    ['docker.io/alpine:3.20', 'registry-1.docker.io', 'docker.io', 'library/alpine', '3.20', undefined],
    ['docker.io/user/app:x', 'registry-1.docker.io', 'docker.io', 'user/app', 'x', undefined],
    ['docker.io/alpine', 'registry-1.docker.io', 'docker.io', 'library/alpine', undefined, undefined],
    [
      'index.docker.io/library/alpine:3',
      'registry-1.docker.io',
      'docker.io',
      'library/alpine',
      '3',
      undefined,
    ],
    ['[::1]:5000/app:t', '[::1]:5000', '[::1]:5000', 'app', 't', undefined],
    ['r.io/a.b_c__d---e/f:T_a.g-1', 'r.io', 'r.io', 'a.b_c__d---e/f', 'T_a.g-1', undefined],
  ])('%s', (input, registry, display, repository, tag, digest) => {
    const r = parseReference(input);
    expect(r.registry).toBe(registry);
    expect(r.displayRegistry).toBe(display);
    expect(r.repository).toBe(repository);
    expect(r.tag).toBe(tag);
    expect(r.digest).toBe(digest);
  });

  it('prints the reference as written, with the display registry', () => {
    expect(parseReference('docker.io/alpine:3').toString()).toBe('docker.io/library/alpine:3');
    expect(parseReference(`r.io:5000/a/b:t@${D}`).toString()).toBe(`r.io:5000/a/b:t@${D}`);
  });

  it.each([
    ['app:1.0', 'harbor.example.com/team/app:1.0', 'docker.io/library/app:1.0'],
    ['team/app:1', 'harbor.example.com/team/app:1', 'docker.io/team/app:1'],
    ['alpine', 'harbor.example.com/team/alpine', 'docker.io/library/alpine'],
  ])('refuses %j without a registry host instead of going to Docker Hub', (input, example, hub) => {
    let err: unknown;
    try {
      parseReference(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GateError);
    const ge = err as GateError;
    expect(ge.code).toBe('REF_INVALID');
    expect(ge.exitCode).toBe(2);
    expect(ge.message).toBe(
      `invalid image reference ${JSON.stringify(input)}: it has no registry host, so it would silently go to Docker Hub`,
    );
    expect(ge.remedy).toContain(`Write the registry host first: ${example} `);
    expect(ge.remedy).toContain(`write ${hub} explicitly`);
  });

  it.each([
    ['', 'empty'],
    ['https://r.io/app', 'URL scheme'],
    ['r.io/App', 'upper-case'],
    ['r.io/app:', 'tag'],
    ['r.io/app:-x', 'tag'],
    ['r.io/app:' + 'x'.repeat(129), 'tag'],
    ['r.io/app@sha256:abc', 'digest'],
    ['r.io/app@sha256:' + 'A'.repeat(64), 'digest'],
    ['r.io/', 'missing'],
    ['r.io/a//b', 'lower-case components'],
    ['r.io/-a', 'lower-case components'],
    ['r.io/a_', 'lower-case components'],
    ['r.io:99999/a', 'port'],
    ['r.io/a b', 'white space'],
    ['r.io/' + 'a'.repeat(251), 'longer than 255'],
    ['bad_host.io/a', 'not a valid host'],
  ])('refuses %j (%s)', (input, why) => {
    let err: unknown;
    try {
      parseReference(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GateError);
    expect((err as GateError).code).toBe('REF_INVALID');
    expect((err as GateError).exitCode).toBe(2);
    expect((err as GateError).message).toContain(why);
    expect((err as GateError).remedy).toContain('host[:port]');
  });

  it('validates digests and repository names', () => {
    expect(isValidDigest(D)).toBe(true);
    expect(isValidDigest('sha512:' + 'b'.repeat(128))).toBe(true);
    expect(isValidDigest('sha512:' + 'b'.repeat(64))).toBe(false);
    expect(isValidDigest('sha256:' + 'a'.repeat(63))).toBe(false);
    expect(parseRepositoryName('team/src')).toBe('team/src');
    expect(() => parseRepositoryName('Team/src')).toThrow(GateError);
  });
});
