export * from './service-database';
export * from './embedded-postgres';
export * from './migrate';
export * from './database.module';
export * from './fen.transformer';
export * from './update-columns';
export * from './pipelined-writes';
export * from './entity-insert';
