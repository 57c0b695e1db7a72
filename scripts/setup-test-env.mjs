// Makes sure the real parts the tests use are installed: Debian's docker-registry (CNCF
// distribution) and skopeo, and Chromium for the HTML report test. As root on Debian it installs
// them with apt-get; otherwise it stops and prints the command to run. Tests never skip silently.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const needs = [
  { bin: '/usr/bin/docker-registry', pkg: 'docker-registry' },
  { bin: '/usr/bin/skopeo', pkg: 'skopeo' },
  { bin: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/openssl', pkg: 'openssl' },
];
const missing = needs.filter((n) => !fs.existsSync(n.bin));
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`harbor-gate tests need Node 22 or later; this is ${process.version}.`);
  console.error(
    "Run 'npm test' (scripts/test.mjs fetches Node 24 into .tools/node on Linux) or install Node 24.",
  );
  process.exit(1);
}
if (missing.length > 0) {
  const pkgs = missing.map((m) => m.pkg).join(' ');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.error(`installing test dependencies: ${pkgs}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', ...missing.map((m) => m.pkg)],
      {
        stdio: 'inherit',
        env,
      },
    );
  } else {
    console.error('The tests need these programs, which are not installed:');
    for (const m of missing) console.error(`  ${m.bin}  (Debian/Ubuntu package ${m.pkg})`);
    if (hasApt) {
      console.error(`Install them and run again:  sudo apt-get install -y ${pkgs}`);
    } else {
      console.error(
        'This machine has no apt-get: install them from your distribution at those paths (docker-registry is the CNCF distribution registry 2.x; CHROMIUM_PATH may name another Chromium or Chrome), or run the tests in a Debian container (for example node:24-bookworm) as root, where npm test installs them.',
      );
    }
    process.exit(1);
  }
}
