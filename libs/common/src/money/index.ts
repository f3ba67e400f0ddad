export * from './fen.validator';
