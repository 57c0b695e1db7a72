import fs from 'node:fs';

/**
 * The integration tests use real parts; say exactly what is missing instead of skipping. Runs for
 * the integration project only (vitest.config.ts): the unit tests need none of them.
 */
export default function setup(): void {
  // Chromium renders the HTML report (report-html.test.ts); CHROMIUM_PATH points at another one.
  const required = [
    '/usr/bin/docker-registry',
    '/usr/bin/skopeo',
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  ];
  const missing = required.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) {
    throw new Error(
      `missing ${missing.join(', ')}: run 'npm test' (its setup step installs them as root) or 'sudo apt-get install -y docker-registry skopeo chromium'`,
    );
  }
}
