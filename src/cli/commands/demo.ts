import path from 'node:path';
import { str, type Command } from '../command.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'the whole gate on this machine against embedded test services',
  flags: ['out-dir', 'serve'],
  registry: false,
  examples: ['harbor-gate demo', 'harbor-gate demo --out-dir /tmp/demo-reports --json'],
  async run(ctx) {
    // The embedded services load only for the demo.
    const { runDemo, startDemoServices, DEMO_PASSWORD, DEMO_USER } = await import('../../embedded/index.js');
    if (ctx.flags.serve === true) {
      // For the Action's self-test: keep the embedded services up and say where they are.
      const services = await startDemoServices();
      ctx.stdout(
        JSON.stringify({
          registry: services.harbor.host,
          harborUrl: services.harbor.url,
          layout: services.layout,
          sbom: services.sbomFile,
          username: DEMO_USER,
          password: DEMO_PASSWORD,
        }) + '\n',
      );
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await services.stop();
      return { exitCode: 0, json: { stopped: true }, text: '' };
    }
    const outDir = path.resolve(ctx.cwd, str(ctx, 'out-dir') ?? 'harbor-gate-demo');
    const t0 = performance.now();
    const demo = await runDemo({ outDir, logger: ctx.logger });
    const seconds = (performance.now() - t0) / 1000;
    const line = (label: string, r: typeof demo.before): string =>
      `${label}: ${r.verdict.toUpperCase()} (exit ${r.exitCode}) ${r.violations.length} violation(s), ${r.waivers.length} waiver(s)`;
    const text = [
      demo.before.consoleText,
      '',
      line('without the allowlist', demo.before),
      line('with the allowlist   ', demo.after),
      '',
      `image      ${demo.before.image}`,
      `signature  ${demo.before.signatureDigest ?? '-'}`,
      `sbom       ${demo.before.sbomDigest ?? '-'}`,
      `reports    ${outDir}`,
      `allowlist  ${demo.allowlistFile}`,
      `took ${seconds.toFixed(1)} s`,
    ].join('\n');
    return {
      exitCode: demo.ok ? 0 : 3,
      json: {
        ok: demo.ok,
        seconds,
        outDir,
        before: {
          verdict: demo.before.verdict,
          exitCode: demo.before.exitCode,
          digest: demo.before.digest,
          reports: demo.before.reports,
        },
        after: { verdict: demo.after.verdict, exitCode: demo.after.exitCode, reports: demo.after.reports },
      },
      text,
    };
  },
};
