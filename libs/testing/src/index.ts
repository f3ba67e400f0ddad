export * from './test-database';
export * from './broker';
export * from './eventually';
export * from './test-env';
export * from './test-app';
export * from './builders';
export * from './broker-offsets';
export * from './metrics';
