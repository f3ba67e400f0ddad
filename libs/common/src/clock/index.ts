export * from './business-date';
export * from './clock';
