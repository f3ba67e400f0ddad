/**
 * Where the revoked users are shared between processes (libs/platform provides it on Redis).
 * A revocation is a user id and the moment it took effect: every token issued before it is void.
 */
export abstract class RevocationStore {
  /** Every revocation still younger than a token can live. */
  abstract all(): Promise<Map<string, number>>;
  /** Records one and tells every process at once. */
  abstract revoke(userId: string, atMs: number): Promise<void>;
  /** Calls back for every revocation any process records; resolves to the unsubscribe. */
  abstract subscribe(onRevoked: (userId: string, atMs: number) => void): Promise<() => Promise<void>>;
}
