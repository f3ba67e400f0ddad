/** The one JSON shape of every error response. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
}
