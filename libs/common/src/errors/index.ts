export * from './api-error';
export * from './domain-error';
export * from './http-error.filter';
export * from './validation.pipe';
export * from './validation-failed';
export * from './error-message';
