/**
 * --provenance (gate, the provenance command) and verify's --require-provenance with the values
 * the provenance must name. Provenance is attached only in GitHub Actions or GitLab CI: anywhere
 * else it is refused first, whatever the other flags say (a statement made on a workstation
 * proves nothing about a build).
 */
import { detectCi, type CiKind } from '../core/index.js';
import { inputError } from '../errors.js';
import { flag, str, type RawGateInput } from './raw.js';

export interface ProvenanceOptions {
  /** The CI the statement describes. */
  ci: CiKind;
}

/** verify --require-provenance: the exact values the provenance must name. */
export interface RequireProvenance {
  builderId: string;
  sourceRepo: string;
  sourceRef?: string;
}

/** The refusal outside CI; `on` is the flag, or a command that always attaches provenance. */
export function resolveProvenance(on: boolean, env: NodeJS.ProcessEnv): ProvenanceOptions | undefined {
  if (!on) return undefined;
  const ci = detectCi(env);
  if (ci === undefined) {
    throw inputError(
      'PROVENANCE_NOT_IN_CI',
      '--provenance needs GitHub Actions or GitLab CI (neither GITHUB_ACTIONS nor GITLAB_CI is "true"): build provenance made on a workstation proves nothing',
      'Attach provenance from the CI job that builds the image (docs/provenance.md); drop --provenance for local runs.',
    );
  }
  return { ci };
}

export function resolveRequireProvenance(raw: RawGateInput): RequireProvenance | undefined {
  const required = flag(raw, 'require-provenance') ?? false;
  const builderId = str(raw, 'builder-id');
  const sourceRepo = str(raw, 'source-repo');
  const sourceRef = str(raw, 'source-ref');
  if (!required) {
    const given = (
      [
        ['builder-id', builderId],
        ['source-repo', sourceRepo],
        ['source-ref', sourceRef],
      ] as const
    ).find(([, v]) => v !== undefined);
    if (given) {
      throw inputError(
        'CONFIG_CONFLICT',
        `--${given[0]} says what the provenance must name, but --require-provenance was not given`,
        'Add --require-provenance, or drop the provenance values.',
      );
    }
    return undefined;
  }
  for (const [name, v] of [
    ['builder-id', builderId],
    ['source-repo', sourceRepo],
  ] as const) {
    if (v === undefined) {
      throw inputError(
        'CLI_MISSING_FLAG',
        `--require-provenance needs --${name}: the provenance is checked against exact values`,
        name === 'builder-id'
          ? 'Give --builder-id, e.g. https://github.com/OWNER/REPO/.github/workflows/release.yml@refs/heads/main (GitHub) or https://gitlab.example.com/group/project/-/runners/ID (GitLab).'
          : 'Give --source-repo, the repository’s web URL, e.g. https://github.com/OWNER/REPO (on GitLab CI_PROJECT_URL).',
      );
    }
  }
  return {
    builderId: builderId!,
    sourceRepo: sourceRepo!,
    ...(sourceRef !== undefined ? { sourceRef } : {}),
  };
}
