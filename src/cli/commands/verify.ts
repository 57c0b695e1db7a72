/** `harbor-gate verify`: verify an image's signature (and SBOM) before deploying it. */
import { cleanText } from '../../core/index.js';
import { inputError } from '../../errors.js';
import { bool, resolveOptions, sessionDeps, str, withSession, type Command } from '../command.js';
import { TRUST_FLAGS } from '../../core/index.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: "verify an image's signature (and SBOM) before deploying it",
  flags: [
    ...TRUST_FLAGS,
    'require-sbom',
    'require-gate-pass',
    'max-age',
    'policy',
    'require-provenance',
    'builder-id',
    'source-repo',
    'source-ref',
  ],
  required: ['image'],
  notes: [
    '--require-gate-pass takes the newest verdict that verifies, by its signed gatedOn (a log or TSA',
    'time that Sigstore verified can only make it older). Newest among those the registry lists: on',
    'a registry without the referrers API, anyone with push rights can rewrite the fallback index',
    'and hide a newer fail. --max-age is the defence: an old pass cannot be made younger.',
    '--policy FILE: the verdict must have been decided under this policy (same canonical digest).',
  ],
  examples: [
    'harbor-gate verify --image harbor.example.com/proj/app:1.2.3 --certificate-identity https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main --certificate-oidc-issuer https://token.actions.githubusercontent.com',
    'harbor-gate verify --image harbor.example.com/proj/app@sha256:… --key cosign.pub --require-sbom --json',
    'harbor-gate verify --image harbor.example.com/proj/app:1.2.3 --key cosign.pub --require-gate-pass --max-age 7d --policy policy.yaml',
    'harbor-gate verify --image harbor.example.com/proj/app:1.2.3 --certificate-identity https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main --certificate-oidc-issuer https://token.actions.githubusercontent.com --require-provenance --builder-id https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main --source-repo https://github.com/acme/app --source-ref refs/heads/main',
  ],
  async run(ctx) {
    const options = await resolveOptions(ctx, { sign: false, scan: false });
    if (str(ctx, 'policy') !== undefined && !options.requireGatePass) {
      // A warning, not an error: HARBOR_GATE_POLICY set for the gate's job reaches verify too.
      ctx.logger.warn(
        '--policy (or HARBOR_GATE_POLICY) is checked by verify only with --require-gate-pass: the verdict must have been decided under it. Ignored.',
      );
    }
    const { explicitTrust, resolveSubject } = await import('../../gate/index.js');
    const trust = await explicitTrust(options);
    if (
      !trust ||
      (trust.key === undefined && trust.identity === undefined && trust.identityRegexp === undefined)
    ) {
      throw inputError(
        'VERIFY_NO_IDENTITY',
        'verify needs to know whose signature counts',
        'Give --key cosign.pub, or --certificate-identity (or --certificate-identity-regexp) with --certificate-oidc-issuer.',
      );
    }
    return withSession(options, sessionDeps(ctx), async ({ roles, ref }) => {
      const subject = await resolveSubject(roles.target, ref, 'SIGN_IMAGE_NOT_FOUND');
      const res = await roles.verifier.verify(subject.digest, trust, {
        requireSbom: bool(ctx, 'require-sbom'),
      });
      // --require-gate-pass: the latest verdict attestation that verifies with the same trust says
      // pass (and is younger than --max-age).
      const gate = options.requireGatePass
        ? await roles.attestations.gateVerdict(subject.digest, trust, {
            ...(options.maxAgeMs !== undefined ? { maxAgeMs: options.maxAgeMs } : {}),
            ...(options.gatePolicy ? { policy: options.gatePolicy } : {}),
            now: new Date(roles.clock.now()),
          })
        : undefined;
      // --require-provenance: a SLSA provenance attestation that verifies with the same trust and
      // names exactly the builder and source given.
      const prov = options.requireProvenance
        ? await roles.attestations.provenance(subject.digest, trust, options.requireProvenance)
        : undefined;
      const json = {
        subject: subject.digest,
        verified: res.verified,
        signatures: res.signatures.map((s) => ({
          digest: s.digest,
          identity: s.identity,
          issuer: s.issuer,
          ok: s.ok,
          reason: s.reason,
          format: s.format,
        })),
        sbom: res.sbom,
        ...(res.reason !== undefined ? { reason: res.reason } : {}),
        ...(gate
          ? {
              gateVerdict: {
                ok: gate.ok,
                reason: gate.reason,
                verdict: gate.predicate?.verdict ?? null,
                gatedOn: gate.predicate?.gatedOn ?? null,
                policyDigest: gate.predicate?.policy.digest ?? null,
                attestation: gate.attestation ?? null,
                ignored: gate.ignored,
              },
            }
          : {}),
        ...(prov
          ? {
              provenance: {
                ok: prov.ok,
                reason: prov.reason,
                builderId: prov.facts?.builderId ?? null,
                sourceRepo: prov.facts?.sourceRepo ?? null,
                sourceRef: prov.facts?.sourceRef ?? null,
                commit: prov.facts?.commit ?? null,
                invocationId: prov.facts?.invocationId ?? null,
                attestation: prov.attestation ?? null,
                ignored: prov.ignored,
              },
            }
          : {}),
      };
      const lines = res.signatures.map(
        (s) =>
          `${s.ok ? 'ok      ' : 'rejected'} ${s.format} ${s.digest} ${cleanText(s.identity ?? '')}: ${cleanText(s.reason)}`,
      );
      lines.push(
        res.verified
          ? `verified ${subject.digest}${res.sbom ? ` (SBOM ${res.sbom.digest})` : ''}`
          : `NOT verified ${subject.digest}: ${cleanText(res.reason ?? '')}`,
      );
      if (!res.verified) ctx.logger.error(`verification failed: ${cleanText(res.reason ?? '')}`);
      if (gate) {
        for (const i of gate.ignored)
          lines.push(`ignored  verdict ${cleanText(i.digest, 100)}: ${cleanText(i.reason)}`);
        lines.push(`${gate.ok ? 'gate pass' : 'NO gate pass'}: ${cleanText(gate.reason)}`);
        if (!gate.ok) ctx.logger.error(`--require-gate-pass: ${cleanText(gate.reason)}`);
      }
      if (prov) {
        for (const i of prov.ignored)
          lines.push(`ignored  provenance ${cleanText(i.digest, 100)}: ${cleanText(i.reason)}`);
        if (prov.facts) {
          const f = prov.facts;
          lines.push(
            `provenance: builder ${cleanText(f.builderId, 300)}; source ${cleanText(f.sourceRepo, 300)}@${cleanText(f.sourceRef, 200)} commit ${cleanText(f.commit, 80)}; run ${cleanText(f.invocationId, 300)}`,
          );
        }
        lines.push(`${prov.ok ? 'provenance ok' : 'NO provenance match'}: ${cleanText(prov.reason)}`);
        if (!prov.ok) ctx.logger.error(`--require-provenance: ${cleanText(prov.reason)}`);
      }
      const ok = res.verified && (gate?.ok ?? true) && (prov?.ok ?? true);
      return { exitCode: ok ? 0 : 1, json, text: lines.join('\n') };
    });
  },
};
