export * from './masking';
export * from './resident-id';
export * from './identity.validators';
