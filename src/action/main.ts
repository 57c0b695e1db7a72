/** The GitHub Action adapter: inputs -> GateOptions -> run() -> outputs, summary, exit code. */
import * as core from '@actions/core';

export async function runAction(): Promise<void> {
  await Promise.resolve();
  core.setFailed('the gate orchestration has not landed yet');
}
