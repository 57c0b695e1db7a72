/** Which CI this process runs in, from the variables the CI itself sets. */
export type CiKind = 'github' | 'gitlab';

/** GitHub Actions (GITHUB_ACTIONS=true) or GitLab CI (GITLAB_CI=true); undefined elsewhere. */
export function detectCi(env: NodeJS.ProcessEnv): CiKind | undefined {
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  return undefined;
}
