export * from './root-module';
export * from './redis.connection';
export * from './http-app';
export * from './rate-limiter';
export * from './business-date/business-date.store';
export * from './business-date/business-date.module';
