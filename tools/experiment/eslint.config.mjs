import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  // A command-line tool: its output is for the person who runs it.
  { files: ['**/*.ts'], rules: { 'no-console': 'off' } },
];
