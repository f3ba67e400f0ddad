// The framework-free kernel: money, business dates, field problems, roles, ids and the
// context of a command. Nothing here may import Nest, TypeORM, pg, kafkajs or bullmq (a
// static test checks it), so every domain/ folder can depend on it and on nothing else.
export * from './money/fen';
export * from './dates/business-date';
export * from './dates/clock';
export * from './dates/business-date-clock';
export * from './dates/sane-dates';
export * from './problems/domain-error';
export * from './problems/field-problems';
export * from './problems/validation-failed';
export * from './roles';
export * from './ids';
export * from './divisions';
export * from './identity/resident-id';
export * from './identity/masking';
export * from './programme/terms';
export * from './context/actor';
export * from './context/command-context';
