export * from './reporting-drift-detected.v1';
