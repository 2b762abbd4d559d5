import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.{mjs,cjs,js}', '*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        module: 'writable',
        require: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }] } },
  {
    // The runner reads workflow commands from everything on stdout: plain text reaches the log only
    // through src/runner-log.ts, which keeps text from builds from becoming a command.
    files: ['src/**/*.ts'],
    ignores: ['src/runner-log.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='core'][callee.property.name='info']",
          message:
            'Print through info() from src/runner-log.ts: it keeps build text from becoming a workflow command.',
        },
        {
          selector: "MemberExpression[object.object.name='process'][object.property.name=/^std(out|err)$/]",
          message:
            'Print through src/runner-log.ts: the runner reads workflow commands from stdout and stderr.',
        },
      ],
    },
  },
);
