import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const kyselyOutsideRepositories = {
  name: 'kysely',
  message: 'Kysely is used only in src/db/ and repository.ts files: call a repository instead.',
};
const fastifyInServices = {
  group: ['fastify', '@fastify/*'],
  message: 'Services and domain code know nothing of HTTP: keep Fastify in routes and plugins.',
};

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', '.cache/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      'no-duplicate-imports': ['error', { includeExports: false }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Application code outside the data layer may not reach for Kysely.
    files: ['src/**/*.ts'],
    ignores: ['src/db/**', 'src/**/repository.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [kyselyOutsideRepositories], patterns: [] }] },
  },
  {
    files: [
      'src/modules/**/service.ts',
      'src/modules/**/domain/**/*.ts',
      'src/lib/**/*.ts',
      'src/db/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [kyselyOutsideRepositories], patterns: [fastifyInServices] },
      ],
    },
  },
  {
    files: ['src/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [fastifyInServices] }] },
  },
  {
    files: ['src/assets/js/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
