import { password, type Command } from '../command.js';
import { GATE_FLAGS } from '../flags.js';

export const gateCommand: Command = {
  name: 'gate',
  summary: 'push, attach the SBOM, sign, scan and gate on the policy: the pipeline step',
  flags: GATE_FLAGS,
  examples: [
    "harbor-gate gate --image harbor.example.com/team/app:1.2.3 --source oci:./image --username 'robot$team+ci' --sbom sbom.cdx.json",
    'harbor-gate gate --image harbor.example.com/team/app:1.2.3 --policy harbor-gate.yaml --sarif results.sarif --junit junit.xml',
    'harbor-gate gate --image harbor.example.com/team/app@sha256:... --no-sign --fail-on critical --ignore-unfixed',
  ],
  async run(ctx) {
    // Loaded when the command runs, so other commands do not pay for Sigstore, schemas and reports.
    const { resolveGateOptions } = await import('../../config/gate-options.js');
    const { runGate, gateJson } = await import('../../gate/index.js');
    const options = await resolveGateOptions(ctx.flags, {
      env: ctx.env,
      cwd: ctx.cwd,
      password: await password(ctx),
    });
    const result = await runGate(options, {
      logger: ctx.logger,
      env: ctx.env,
      redactor: ctx.redactor,
      isTTY: ctx.isTTY,
    });
    for (const w of result.warnings) ctx.logger.warn(w);
    return { exitCode: result.exitCode, json: gateJson(result), text: result.consoleText };
  },
};
