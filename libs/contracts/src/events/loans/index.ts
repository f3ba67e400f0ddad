export * from './loan-repaid.v1';
