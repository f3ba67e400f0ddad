export * from './auth-user';
export * from './scope';
export * from './decorators';
export * from './token.service';
export * from './auth.guard';
export * from './auth.module';
export * from './scoped-record';
