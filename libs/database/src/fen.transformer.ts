import { ValueTransformer } from 'typeorm';

/** Postgres bigint comes back as a string; fen amounts stay far below 2^53, so a number is exact. */
export const fenTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
