// `npm test`: sets up what the tests need, then runs Vitest with the arguments given
// (`npm test -- test/unit/policy.test.ts`).
//
// 1. Node: the tests need Node 22 or later. On an older Node (this file runs on Node 18 and 20)
//    it provisions Node 24 the way .ci/run does, `npm pack node-linux-<arch>@24` unpacked into the
//    git-ignored .tools/node, and runs itself again under it. Elsewhere it says what to install.
// 2. The real parts the integration tests start (scripts/setup-test-env.mjs): docker-registry,
//    skopeo, Chromium, openssl; installed with apt-get as root on Debian, otherwise named.
// 3. Vitest, under the same Node, with that Node first on PATH for the tools the tests spawn.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = path.join(ROOT, '.tools');
const TOOLS_NODE = path.join(TOOLS, 'node', 'bin', 'node');
const MIN_MAJOR = 22;
const args = process.argv.slice(2);

const major = (version) => Number(version.replace(/^v/, '').split('.')[0]);

function fail(lines) {
  for (const line of lines) console.error(line);
  process.exit(1);
}

/** Run and pass the exit status on; a signal counts as failure. */
function runInherit(cmd, cmdArgs, env) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env, cwd: ROOT });
  if (r.error) fail([`could not run ${cmd}: ${r.error.message}`]);
  return r.status ?? 1;
}

function withPathFirst(dir) {
  return { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` };
}

/** The version of the Node in .tools, or undefined when there is none (or it does not run). */
function toolsNodeVersion() {
  if (!fs.existsSync(TOOLS_NODE)) return undefined;
  const r = spawnSync(TOOLS_NODE, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function provisionNode24() {
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  if (process.platform !== 'linux' || !arch) {
    fail([
      `harbor-gate's tests need Node ${MIN_MAJOR} or later; this is Node ${process.version} on ${process.platform}/${process.arch}.`,
      'Install Node 24 (https://nodejs.org/en/download) and run npm test again.',
    ]);
  }
  const pkg = `node-linux-${arch}@24`;
  console.error(
    `Node ${process.version} is too old for the tests: fetching Node 24 (${pkg}) into .tools/node`,
  );
  fs.mkdirSync(TOOLS, { recursive: true });
  fs.rmSync(path.join(TOOLS, 'node'), { recursive: true, force: true });
  fs.rmSync(path.join(TOOLS, 'package'), { recursive: true, force: true });
  // npm itself: the one running this script when started by `npm test`, else npm on PATH.
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  const packed = spawnSync(npm[0], [...npm[1], 'pack', pkg, '--silent'], {
    cwd: TOOLS,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tgz = packed.status === 0 ? packed.stdout.trim().split('\n').at(-1) : undefined;
  if (!tgz || !fs.existsSync(path.join(TOOLS, tgz))) {
    fail([
      `could not fetch ${pkg} from the npm registry.`,
      `Install Node 24 yourself (https://nodejs.org/en/download), or run: (mkdir -p .tools && cd .tools && npm pack ${pkg} && tar xzf node-linux-${arch}-*.tgz && mv package node)`,
    ]);
  }
  if (runInherit('tar', ['xzf', path.join(TOOLS, tgz), '-C', TOOLS], process.env) !== 0) {
    fail([`could not unpack .tools/${tgz} (is tar installed?)`]);
  }
  fs.renameSync(path.join(TOOLS, 'package'), path.join(TOOLS, 'node'));
  fs.rmSync(path.join(TOOLS, tgz), { force: true });
  const got = toolsNodeVersion();
  if (!got || major(got) < MIN_MAJOR)
    fail([`.tools/node/bin/node does not run as Node ${MIN_MAJOR}+ (${got ?? 'no answer'})`]);
  console.error(`Node ${got} is in .tools/node`);
}

if (major(process.version) < MIN_MAJOR) {
  const have = toolsNodeVersion();
  if (!have || major(have) < MIN_MAJOR) provisionNode24();
  console.error(`running the tests under .tools/node/bin/node (${toolsNodeVersion() ?? '?'})`);
  process.exit(
    runInherit(
      TOOLS_NODE,
      [fileURLToPath(import.meta.url), ...args],
      withPathFirst(path.dirname(TOOLS_NODE)),
    ),
  );
}

const env = withPathFirst(path.dirname(process.execPath));
const setup = runInherit(process.execPath, [path.join(ROOT, 'scripts', 'setup-test-env.mjs')], env);
if (setup !== 0) process.exit(setup);
const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
if (!fs.existsSync(vitest)) fail(['Vitest is not installed: run npm ci first.']);
process.exit(runInherit(process.execPath, [vitest, 'run', ...args], env));
