// The kernel's money, dates, problems, roles and context, for code that is not domain code.
export * from '@xingfu/kernel';
export * from './config';
export * from './errors';
export * from './correlation';
export * from './logging/logging.module';
export * from './logging/request-log.middleware';
export * from './health';
export * from './metrics';
export * from './http';
export * from './secrets/secrets';

export * from './money';
export * from './identity';
export * from './redis/redis';
export * from './crypto/pii-cipher';
export * from './async';
export * from './validation/request-validators';
export * from './validation/metadata-cache';
