import { resolveOptions, sessionDeps, type Command, type CommandContext } from '../command.js';
import { GATE_FLAGS } from '../../core/index.js';

export const gateCommand: Command = {
  name: 'gate',
  summary: 'push, attach the SBOM, sign, scan and gate on the policy: the pipeline step',
  flags: GATE_FLAGS,
  required: ['image'],
  examples: [
    "harbor-gate gate --image harbor.example.com/team/app:1.2.3 --source oci:./image --username 'robot$team+ci' --sbom sbom.cdx.json",
    'harbor-gate gate --image harbor.example.com/team/app:1.2.3 --policy harbor-gate.yaml --sarif results.sarif --junit junit.xml',
    'harbor-gate gate --image harbor.example.com/team/app@sha256:... --no-sign --fail-on critical --ignore-unfixed',
  ],
  configError: writeConfigErrorReports,
  async run(ctx) {
    // Loaded when the command runs, so other commands do not pay for Sigstore, schemas and reports.
    const { runGate, gateJson } = await import('../../gate/index.js');
    let options;
    try {
      options = await resolveOptions(ctx, {});
    } catch (e) {
      await writeConfigErrorReports(ctx, e);
      throw e;
    }
    const { colorEnabled } = await import('../../core/index.js');
    const result = await runGate(options, {
      ...sessionDeps(ctx),
      color: colorEnabled(ctx.env, ctx.isTTY),
    });
    for (const w of result.warnings) ctx.logger.warn(w);
    const err = result.error;
    if (err) {
      ctx.stderr(`error [${err.code}]: ${err.message}\n  remedy: ${err.remedy}\n`);
      // --debug: the chain of causes under the step's error.
      for (const cause of err.causes ?? []) ctx.logger.debug(`  cause: ${cause}`);
    }
    if (result.left) ctx.stderr(`${result.left}\n`);
    return { exitCode: result.exitCode, json: gateJson(result), text: result.consoleText };
  },
};

/**
 * A refused configuration still writes the reports whose paths are known (GitLab CI: the GitLab
 * report by default), with verdict error at the inputs step; the error is then told as every CLI
 * error is.
 */
async function writeConfigErrorReports(ctx: CommandContext, e: unknown): Promise<void> {
  const { resolveReportPaths } = await import('../../config/index.js');
  const reports = resolveReportPaths(ctx.flags, ctx);
  if (Object.keys(reports).length === 0) return;
  const { configErrorRun } = await import('../../gate/index.js');
  const image = typeof ctx.flags.image === 'string' && ctx.flags.image !== '' ? ctx.flags.image : undefined;
  await configErrorRun(
    e,
    { ...(image ? { image } : {}), reports },
    { redactor: ctx.redactor, logger: ctx.logger },
  );
}
