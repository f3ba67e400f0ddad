/** The service a kit instance works for: its schema holds the idempotency table. */
export const SERVICE_NAME = 'xingfu:kit:service';
