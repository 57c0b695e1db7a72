/**
 * Whether to colour output: NO_COLOR (any non-empty value) turns colour off; FORCE_COLOR (non-empty
 * and not "0") turns it on even without a terminal, as in CI logs that render ANSI colours; else a
 * terminal gets colour. See no-color.org and the FORCE_COLOR convention of Node and chalk.
 */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if ((env.NO_COLOR ?? '') !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY;
}
