// Integration tests talk to the real Docker engine that tools/bringup.sh
// starts; they run one file at a time.
module.exports = {
  displayName: 'docker:integration',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 60000,
  maxWorkers: 1,
};
