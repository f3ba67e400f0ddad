/**
 * Whether an id can go into a uuid column. Tokens are ours, but one minted outside identity
 * (tests, tooling) may carry another kind of id; it must not reach SQL as a 500.
 */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
