export * from './fen';
export * from './fen.validator';
