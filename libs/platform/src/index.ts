export * from './root-module';
export * from './redis.connection';
export * from './http-app';
export * from './rate-limiter';
