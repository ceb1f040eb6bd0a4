// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'native/**', '.tmp/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  {
    // TypeScript files are checked with types, through the three tsconfigs.
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Options and props are handed around as bags of callbacks (now, timeZone, onPick...):
      // typed as function properties, they can be taken off their object safely, which is
      // what unbound-method checks. Method syntax would make every such use a finding.
      '@typescript-eslint/method-signature-style': ['error', 'property'],
      // `_` names a value kept on purpose: a loop that only counts, a field dropped from a rest copy.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Scripts and the bin are plain JavaScript run by Node; most sit outside the tsconfigs.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['bin/**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },
);
