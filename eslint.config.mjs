import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '**/node_modules/**',
      'coverage/**',
      '.cache/**',
      'test/fixtures/programs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'describe', property: 'only', message: '.only hides the other tests.' },
        { object: 'it', property: 'only', message: '.only hides the other tests.' },
        { object: 'test', property: 'only', message: '.only hides the other tests.' },
        { object: 'describe', property: 'skip', message: 'Skipped tests are defects.' },
        { object: 'it', property: 'skip', message: 'Skipped tests are defects.' },
        { object: 'test', property: 'skip', message: 'Skipped tests are defects.' },
      ],
    },
  },
);
