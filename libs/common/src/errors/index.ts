export * from './api-error';
export * from './http-error.filter';
export * from './validation.pipe';
export * from './error-message';
export * from './too-many-requests';
