export * from './loan-repaid.v1';
export * from './loan-defaulted.v1';
export * from './loan-written-off.v1';
export * from './repayment-posted.v1';
