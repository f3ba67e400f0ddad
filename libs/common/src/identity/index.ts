export * from './masking';
export * from './resident-id';
