import fs from 'node:fs';

/** The integration tests use real parts; say exactly what is missing instead of skipping. */
export default function setup(): void {
  const required = ['/usr/bin/docker-registry', '/usr/bin/skopeo'];
  const missing = required.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) {
    throw new Error(
      `missing ${missing.join(', ')}: run 'npm test' (its setup step installs them as root) or 'sudo apt-get install -y docker-registry skopeo'`,
    );
  }
}
