// Creates real simulated hosts (namespaces, a bridge, three Docker engines)
// with tools/hosts/hosts.sh and removes them again: needs root and what
// tools/bringup.sh starts. One file, run in band.
module.exports = {
  displayName: 'hosts:integration',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  testTimeout: 180000,
  maxWorkers: 1,
};
