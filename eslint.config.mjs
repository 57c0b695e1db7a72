// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Boundaries the linter keeps (docs/architecture.md): another folder is imported only through its
 * index.ts, and dependencies point down. For each folder, the folders it must not import.
 */
const FOLDERS = [
  'action',
  'cli',
  'config',
  'core',
  'embedded',
  'gate',
  'harbor',
  'http',
  'oci',
  'policy',
  'report',
  'sbom',
  'sign',
  'vex',
];
const ALLOWED = {
  core: [],
  http: ['core'],
  vex: ['core'],
  policy: ['core', 'vex'],
  report: ['core', 'policy'],
  oci: ['core', 'http'],
  sbom: ['core', 'oci'],
  harbor: ['core', 'http'],
  sign: ['core', 'http', 'oci', 'sbom', 'policy', 'vex'],
  config: ['core', 'oci', 'harbor', 'policy', 'vex'],
  gate: ['core', 'http', 'oci', 'sbom', 'sign', 'harbor', 'policy', 'report', 'vex', 'config'],
  embedded: ['core', 'http', 'oci', 'sbom', 'sign', 'harbor', 'policy', 'report', 'vex', 'config', 'gate'],
  cli: [
    'core',
    'config',
    'gate',
    'embedded',
    'oci',
    'report',
    'policy',
    'sbom',
    'sign',
    'harbor',
    'http',
    'vex',
  ],
  // The Action is an adapter beside the CLI, never on top of it.
  action: ['core', 'config', 'gate', 'report', 'policy'],
};
const boundaries = FOLDERS.map((folder) => {
  const forbidden = FOLDERS.filter((f) => f !== folder && !ALLOWED[folder].includes(f));
  const others = FOLDERS.filter((f) => f !== folder).join('|');
  const patterns = [
    {
      regex: `^(\\.\\./)+(${others})/(?!index\\.js$)`,
      message: 'Import another folder only through its index.ts (its public face).',
    },
  ];
  if (forbidden.length > 0) {
    patterns.push({
      regex: `^(\\.\\./)+(${forbidden.join('|')})/`,
      message: `Dependencies point down: src/${folder} may import only ${ALLOWED[folder].join(', ') || 'src/*.ts'} (docs/architecture.md).`,
    });
  }
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      // no-restricted-imports does not see import(): the same rules for lazily loaded modules.
      'no-restricted-syntax': [
        'error',
        ...patterns.map((p) => ({
          selector: `ImportExpression[source.value=/${p.regex.replace(/\//g, '\\/')}/]`,
          message: p.message,
        })),
      ],
    },
  };
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tools/**',
      '.test-tmp/**',
      'coverage/**',
      'harbor-gate-demo/**',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/prefer-nullish-coalescing': 'off',
    },
  },
  ...boundaries,
  {
    files: ['src/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\./(?!core/index\\.js$)', message: 'src/*.ts may import only ./core/index.js.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
);
