export * from './readiness.registry';
export * from './health.controller';
