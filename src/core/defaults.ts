/** Defaults and constants every part of harbor-gate shares: one copy of each. */

/** The package version, shown by --version, in the User-Agent and in every report. */
export const VERSION = '0.1.0';

/** The tool's name and home, as reports name the tool that made them. */
export const TOOL_NAME = 'harbor-gate';
export const TOOL_URI = 'https://github.com/harbor-gate/harbor-gate';

/** How long the gate waits for a scan (or an SBOM generation) when --scan-timeout is not given. */
export const DEFAULT_SCAN_TIMEOUT_MS = 10 * 60_000;
