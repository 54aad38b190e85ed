// One linter for the whole repository: ESLint's recommended rules, and typescript-eslint's for
// TypeScript (https://typescript-eslint.io). Formatting is Prettier's (.prettierrc.json); here only
// what a formatter cannot see: unused variables, unreachable code, promises left floating…
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/', 'protos/generated/', 'user-service-go/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // an argument a function must take but does not use says so with its name: (_req, res) => …
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      // control characters in a pattern are on purpose here: the ones a log line or a name must not carry
      'no-control-regex': 'off',
      // a `let` assigned once, later, may be read by a function made before: then it cannot be a const
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // a test (or an exercise's check) reads whatever JSON came back (its shape is what it asserts),
    // and chai asserts with expressions: expect(list).to.be.empty
    files: ['test/**/*.ts', '**/test/**/*.ts', 'exercises/checks/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // the browser page and its helpers are plain scripts in a browser
    files: ['api-gateway/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    // the launcher and a few tools are CommonJS JavaScript, checked by tsc (// @ts-check)
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
