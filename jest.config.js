// Three projects: `unit` (no I/O, *.spec.ts beside the code), `service` (one service's module
// on real PostgreSQL and Redis, no HTTP, test/service/**/*.service-spec.ts) and `integration`
// (real PostgreSQL, Redis and the go-mokapi Kafka broker, test/**/*.e2e-spec.ts).
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false }, keepClassNames: true } }];
const moduleNameMapper = {
  '^@xingfu/(contracts|messaging|database|auth|common|testing|platform|kernel|kit|jobs)$': '<rootDir>/libs/$1/src',
};
const base = { transform: { '^.+\\.ts$': swc }, moduleFileExtensions: ['ts', 'js', 'json'], moduleNameMapper, testEnvironment: 'node' };
module.exports = {
  // Kafka clients and BullMQ workers close asynchronously; never let a lingering socket hang CI.
  forceExit: true,
  reporters: ['default', '<rootDir>/test/setup/summary-reporter.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/static/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeout.ts', '<rootDir>/test/setup/file-broker.ts'],
    },
    {
      // The middle tier: one service's module on real PostgreSQL and Redis, no HTTP (libs/testing ServiceContext).
      ...base,
      displayName: 'service',
      testMatch: ['<rootDir>/test/service/**/*.service-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeout.ts'],
    },
  ],
};
