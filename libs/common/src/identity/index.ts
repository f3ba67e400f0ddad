export * from './identity.validators';
