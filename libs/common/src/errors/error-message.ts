/** The message of whatever was thrown (libraries throw strings and plain objects too). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
