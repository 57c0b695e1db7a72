/**
 * The default vulnerability items the scripted scanner reports, in Harbor's API item shape
 * (GET .../additions/vulnerabilities), with the quirks Harbor really shows: `[""]` in links and
 * cwe_ids, a score only in vendor_attributes, none at all, and a Negligible/Unknown severity.
 */

export interface VulnItem {
  id: string;
  package: string;
  version: string;
  fix_version: string;
  severity: string;
  status?: string;
  description: string;
  links: string[];
  preferred_cvss: { score_v3: number | null; score_v2: number | null; vector_v3: string; vector_v2: string };
  cwe_ids: string[];
  vendor_attributes: Record<string, unknown> | null;
}

export const DEFAULT_VULNERABILITIES: VulnItem[] = [
  {
    id: 'CVE-2023-44487',
    package: 'golang.org/x/net',
    version: '0.7.0',
    fix_version: '0.17.0',
    severity: 'High',
    status: 'fixed',
    description: 'HTTP/2 rapid reset can cause excessive work in net/http.',
    links: ['https://avd.aquasec.com/nvd/cve-2023-44487'],
    preferred_cvss: {
      score_v3: 7.5,
      score_v2: null,
      vector_v3: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
      vector_v2: '',
    },
    cwe_ids: ['CWE-400'],
    vendor_attributes: {
      CVSS: { nvd: { V3Score: 7.5, V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' } },
    },
  },
  {
    id: 'CVE-2022-37434',
    package: 'zlib',
    version: '1.2.12-r1',
    fix_version: '1.2.12-r2',
    severity: 'Critical',
    status: 'fixed',
    description: 'zlib through 1.2.12 has a heap-based buffer over-read or buffer overflow in inflate.',
    links: [''],
    preferred_cvss: { score_v3: 0, score_v2: null, vector_v3: '', vector_v2: '' },
    cwe_ids: ['CWE-787', ''],
    vendor_attributes: {
      CVSS: { nvd: { V3Score: 9.8, V3Vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } },
    },
  },
  {
    id: 'CVE-2019-18276',
    package: 'bash',
    version: '5.0-6ubuntu1.1',
    fix_version: '',
    severity: 'Low',
    status: 'affected',
    description: 'An issue was discovered in disable_priv_mode in shell.c in GNU Bash.',
    links: ['https://avd.aquasec.com/nvd/cve-2019-18276'],
    preferred_cvss: {
      score_v3: 7.8,
      score_v2: 7.2,
      vector_v3: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
      vector_v2: 'AV:L/AC:L/Au:N/C:C/I:C/A:C',
    },
    cwe_ids: ['CWE-273'],
    vendor_attributes: null,
  },
  {
    id: 'CVE-2016-2781',
    package: 'coreutils',
    version: '8.32-4.1ubuntu1',
    fix_version: '',
    severity: 'Negligible',
    description: 'chroot in GNU coreutils, when used with --userspec, allows local users to escape.',
    links: [],
    preferred_cvss: { score_v3: 0, score_v2: null, vector_v3: '', vector_v2: '' },
    cwe_ids: [''],
    vendor_attributes: null,
  },
  {
    id: 'GHSA-xxxx-yyyy-zzzz',
    package: 'left-pad',
    version: '1.0.0',
    fix_version: '1.3.0',
    severity: 'Unknown',
    description: '',
    links: [''],
    preferred_cvss: { score_v3: null, score_v2: null, vector_v3: '', vector_v2: '' },
    cwe_ids: [],
    vendor_attributes: {},
  },
];

/** A small SPDX 2.3 document, what Trivy generates for an SBOM scan. */
export function defaultSbom(digest: string): Record<string, unknown> {
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `sbom-${digest}`,
    documentNamespace: `https://harbor.local/sbom/${digest}`,
    creationInfo: { created: new Date().toISOString(), creators: ['Tool: harbor-gate-embedded-scanner'] },
    packages: [
      {
        SPDXID: 'SPDXRef-Package-zlib',
        name: 'zlib',
        versionInfo: '1.2.12-r1',
        downloadLocation: 'NOASSERTION',
      },
    ],
  };
}
