/**
 * Issue 23, item 8: each command's help lists only the flags it uses. For every command, the flags
 * its help lists are exactly those it accepts, and each of them (but --json, --debug, --help and
 * --timeout, which the CLI adapter itself reads) is read by the command when it runs: the run's flag values
 * are a Proxy that records every name asked for. The commands run for real until they stop at the
 * registry, which is a closed loopback port (the demo runs whole, against its embedded services).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { commandFlags, helpText } from '../../src/cli/main.js';
import type { CommandContext } from '../../src/cli/command.js';
import { FLAGS, type FlagName, type FlagValues } from '../../src/core/index.js';
import { Redactor, silentLogger } from '../../src/logger.js';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hg-help-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The flags a help text lists (its flag lines start with two spaces and --name; notes follow). */
function listed(help: string): string[] {
  const flagPart = help.split(/\n(?:Notes|Examples):\n/)[0]!;
  return [...flagPart.matchAll(/^ {2}--([a-z][a-z0-9-]*)/gm)].map((m) => m[1]!);
}

/** Values for a command's required flags, enough to get past the checks to the registry. */
function required(name: string): FlagValues {
  const image = '127.0.0.1:1/help/app:1';
  const sbom = path.resolve(import.meta.dirname, '../fixtures/sbom/cyclonedx-1.5.json');
  const vex = path.resolve(import.meta.dirname, '../fixtures/vex/app.openvex.json');
  const key = path.resolve(import.meta.dirname, '../fixtures/keys/cosign-p256.key');
  // The signing flags are read when the command signs: attach-sbom with --attest, the gate by default.
  const by: Record<string, FlagValues> = {
    push: { image, source: `oci:${tmp}/none` },
    'attach-sbom': { image, sbom, attest: true, 'signing-key': key },
    'attach-vex': { image, vex: [vex] },
    sign: { image, 'signing-key': key },
    verify: { image, key: path.resolve(import.meta.dirname, '../fixtures/keys/cosign-p256.pub') },
    scan: { image },
    gate: { image, 'signing-key': key },
    provenance: { image, 'signing-key': key },
    demo: { 'out-dir': path.join(tmp, 'demo') },
  };
  return by[name] ?? { image };
}

/** Read by the CLI adapter itself for every command, not by the command. */
const ADAPTER_READS = new Set(['json', 'debug', 'help', 'timeout']);

describe('each command help lists only what the command uses', () => {
  it('the demo takes none of the image and connection flags', () => {
    const demo = COMMANDS.find((c) => c.name === 'demo')!;
    const help = helpText(demo);
    for (const f of ['image', 'username', 'password-stdin', 'plain-http', 'ca-file'])
      expect(help).not.toContain(`--${f}`);
    expect(listed(help).sort()).toEqual(['debug', 'help', 'json', 'out-dir', 'serve']);
  });

  for (const command of COMMANDS) {
    it(`${command.name}: its help lists exactly the flags it accepts, and the command reads each`, async () => {
      const help = helpText(command);
      const shown = listed(help);
      expect(new Set(shown).size).toBe(shown.length);
      expect([...shown].sort()).toEqual([...commandFlags(command)].sort());
      for (const f of shown) expect(Object.keys(FLAGS)).toContain(f);

      const reads = new Set<string>();
      const values = required(command.name);
      const flags = new Proxy(values, {
        get(target, key) {
          if (typeof key === 'string') reads.add(key);
          return target[key as FlagName];
        },
        has(target, key) {
          if (typeof key === 'string') reads.add(key);
          return key in target;
        },
      });
      const ctx: CommandContext = {
        flags,
        env: {
          HARBOR_GATE_KEY_PASSWORD: 'test-password',
          HOME: tmp,
          DOCKER_CONFIG: tmp,
          // provenance runs only in CI: as in a GitHub Actions job, so it gets as far as the registry.
          ...(command.name === 'provenance' ? { GITHUB_ACTIONS: 'true' } : {}),
        },
        logger: silentLogger,
        redactor: new Redactor(),
        readStdin: () => Promise.resolve('pw'),
        stdout: () => undefined,
        stderr: () => undefined,
        isTTY: false,
        cwd: tmp,
      };
      // The run ends at the closed registry port (or, for the demo, after its whole run): either
      // way every flag the command uses has been asked for by then.
      await command.run(ctx).catch((e: unknown) => e);
      const unread = shown.filter((f) => !ADAPTER_READS.has(f) && !reads.has(f));
      expect(unread, `${command.name} lists flags it never reads`).toEqual([]);
    }, 60_000);
  }
});
