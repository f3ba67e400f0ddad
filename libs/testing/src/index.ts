export * from './test-database';
export * from './broker';
export * from './eventually';
export * from './test-env';
export * from './test-app';
export * from './builders';
export * from './broker-offsets';
export * from './metrics';
// Waits until every queue of an app has nothing waiting, running or due (see libs/jobs).
export { drainJobs } from '@xingfu/jobs';
export * from './service-context';
