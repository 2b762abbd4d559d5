// Two projects: `unit` (no Docker and no fixed port: pure logic, and the bundle or the stack's stand-in
// services where they need nothing more) and `e2e` (the real stack, through scripts/harness/).
const tsJest = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: tsJest,
  testEnvironment: 'node',
};

export default {
  // The e2e suites share one engine and the wheel index port: one test file at a time.
  maxWorkers: 1,
  // Real builds take minutes on 2 cores; unit tests finish long before this matters.
  testTimeout: 600_000,
  reporters: ['default', '<rootDir>/scripts/jest-closing-line.cjs'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      testPathIgnorePatterns: ['/__tests__/e2e/'],
      setupFilesAfterEnv: ['<rootDir>/scripts/jest-runner-temp.cjs'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
    },
  ],
};
