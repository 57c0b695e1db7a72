/**
 * The npm package installs only itself: `npm pack` of the current sources (built by
 * scripts/build.mjs into a temporary copy of the package), installed offline into an empty
 * project, must add exactly one package, answer `npx harbor-gate --version`, and push an OCI
 * layout to a real docker-registry.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build.mjs';
import { writeReleaseLayout } from '../../scripts/release-layout.mjs';
import crypto from 'node:crypto';
import { VERSION } from '../../src/core/index.js';
import { writeOciLayout } from '../fixtures/images.js';
import { startRegistry, type TestRegistry } from '../servers/registry.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
/** npm and npx next to the node that runs the tests (Node 24 from .tools or the system's). */
const BIN = path.dirname(process.execPath);
const tool = (name: string): string => (fs.existsSync(path.join(BIN, name)) ? path.join(BIN, name) : name);

let tmp = '';
let reg: TestRegistry | undefined;
let packedFiles: string[] = [];
let tarball = '';
let project = '';
let env: NodeJS.ProcessEnv = {};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-package-'));
  env = {
    ...process.env,
    PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_cache: path.join(tmp, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_loglevel: 'error',
  };
  // The package as `npm publish` would see it, with a fresh build of the current sources.
  const pkg = path.join(tmp, 'pkg');
  fs.mkdirSync(pkg);
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'docs', 'schema', 'action.yml']) {
    if (fs.existsSync(path.join(ROOT, entry)))
      fs.cpSync(path.join(ROOT, entry), path.join(pkg, entry), { recursive: true });
  }
  await buildCli(path.join(pkg, 'dist'));
  const { stdout } = await run(tool('npm'), ['pack', '--json', '--pack-destination', tmp], {
    cwd: pkg,
    env,
  });
  const packed = (JSON.parse(stdout) as { filename: string; files: { path: string }[] }[])[0];
  if (!packed) throw new Error(`npm pack printed no result: ${stdout}`);
  tarball = path.join(tmp, packed.filename);
  packedFiles = packed.files.map((f) => f.path);

  project = path.join(tmp, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, 'package.json'),
    '{"name":"consumer","version":"1.0.0","private":true}\n',
  );
  await run(tool('npm'), ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, env });

  reg = await startRegistry();
}, 180_000);

afterAll(async () => {
  await reg?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm i harbor-gate', () => {
  it('packs the CLI, its chunks, docs and schema, and nothing the user does not run', () => {
    expect(packedFiles).toContain('dist/cli.mjs');
    expect(packedFiles.some((f) => /^dist\/cli\/main-[A-Z0-9]+\.mjs$/.test(f))).toBe(true);
    expect(packedFiles).toContain('schema/policy.schema.json');
    expect(packedFiles).toContain('docs/errors.md');
    expect(packedFiles).toContain('LICENSE');
    expect(packedFiles).not.toContain('dist/action.cjs');
    expect(packedFiles.filter((f) => /^(src|test|bench|scripts)\//.test(f))).toEqual([]);
  });

  it("package.json's files list names only what users run or read, and each entry exists", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toEqual(['dist/cli.mjs', 'dist/cli/', 'docs/', 'schema/']);
    for (const entry of pkg.files) expect(fs.existsSync(path.join(ROOT, entry)), entry).toBe(true);
  });

  it('the packed tarball has the licence and README, no test data, and no source map pointing outside', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
    const testData = packedFiles.filter(
      (f) =>
        /(^|\/)(test|tests|fixtures|__tests__|golden|bench|coverage)\//.test(f) ||
        /\.(golden|test\.[cm]?[jt]s)$/.test(f),
    );
    expect(testData).toEqual([]);
    expect(packedFiles.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(packedFiles.filter((f) => /\.(ts|mts|cts)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    // Every packed file as the tarball holds it: no sourceMappingURL (a map would name files that
    // are not in the package), and no absolute path of the machine that built it.
    const unpacked = path.join(tmp, 'unpacked');
    fs.mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', unpacked]);
    for (const f of packedFiles) {
      const text = fs.readFileSync(path.join(unpacked, 'package', f), 'utf8');
      expect(text, f).not.toMatch(/sourceMappingURL=/);
      expect(text.includes(ROOT), f).toBe(false);
    }
  });

  it('the release layout holds the tarball as its one layer, whose digest is the SHA-256 users check', async () => {
    const layout = path.join(tmp, 'release-layout');
    const { layerDigest, manifestDigest } = writeReleaseLayout(tarball, layout, VERSION);
    const sum = crypto.createHash('sha256').update(fs.readFileSync(tarball)).digest('hex');
    expect(layerDigest).toBe(`sha256:${sum}`);
    if (!reg) throw new Error('the registry did not start');
    const target = `${reg.host}/release/npm:${VERSION}`;
    const { stdout } = await run(
      tool('npx'),
      [
        '--no-install',
        'harbor-gate',
        'push',
        '--source',
        `oci:${layout}:${VERSION}`,
        '--image',
        target,
        '--json',
      ],
      { cwd: project, env },
    );
    expect(JSON.parse(stdout)).toMatchObject({ digest: manifestDigest, tags: [VERSION] });
    const blob = await fetch(`${reg.url}/v2/release/npm/blobs/${layerDigest}`);
    expect(Buffer.from(await blob.arrayBuffer()).equals(fs.readFileSync(tarball))).toBe(true);
  });

  it('adds exactly one package: itself, with no dependencies', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(project, 'node_modules/harbor-gate/package.json'), 'utf8'),
    ) as {
      dependencies?: Record<string, string>;
      bin: Record<string, string>;
    };
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bin).toEqual({ 'harbor-gate': 'dist/cli.mjs' });
    const lock = JSON.parse(
      fs.readFileSync(path.join(project, 'node_modules/.package-lock.json'), 'utf8'),
    ) as {
      packages: Record<string, unknown>;
    };
    expect(Object.keys(lock.packages)).toEqual(['node_modules/harbor-gate']);
    const installed = fs.readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.'));
    expect(installed).toEqual(['harbor-gate']);
  });

  it('npx harbor-gate --version prints the version', async () => {
    const { stdout } = await run(tool('npx'), ['--no-install', 'harbor-gate', '--version'], {
      cwd: project,
      env,
    });
    expect(stdout).toBe(`${VERSION}\n`);
  });

  it('npx harbor-gate push uploads an OCI layout to a real registry', async () => {
    const layout = path.join(tmp, 'layout');
    const image = await writeOciLayout(layout, { layers: 2, refName: 'v1' });
    if (!reg) throw new Error('the registry did not start');
    const target = `${reg.host}/package/app:1`;
    const { stdout } = await run(
      tool('npx'),
      ['--no-install', 'harbor-gate', 'push', '--source', `oci:${layout}:v1`, '--image', target, '--json'],
      { cwd: project, env },
    );
    const json = JSON.parse(stdout) as { digest: string; image: string; blobsSkipped: number };
    expect(json).toMatchObject({ digest: image.rootDigest, image: target, blobsSkipped: 0 });
    const res = await fetch(`${reg.url}/v2/package/app/manifests/1`, {
      method: 'HEAD',
      headers: { Accept: image.rootMediaType },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-content-digest')).toBe(image.rootDigest);
  });
});
