import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { IsNoPlaceholder } from './placeholder-secrets';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === true || value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting of every process, read from the environment once at start-up.
 * A bad value stops start-up with the variable's name (see loadConfig).
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Unset: standalone starts embedded PostgreSQL under DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Comma-separated host:port list. Unset: events are delivered in-process. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS?: string;

  @IsString()
  KAFKA_CLIENT_ID = 'xingfu';

  /** Prefix of every consumer group id (tests use one per run). */
  @IsString()
  KAFKA_GROUP_PREFIX = '';

  /**
   * Whether the relay sends a batch of records in one produce request (Kafka does). Off for the
   * test broker, go-mokapi, which refuses a request holding more than one record and was seen
   * to leave an undecodable fetch behind after such a refusal.
   */
  @Transform(toBool)
  @IsBoolean()
  KAFKA_BATCH_PUBLISH = true;

  /** Where embedded PostgreSQL, a private Redis and generated secrets live. */
  @IsString()
  DATA_DIR = '.data';

  /** HMAC secret for access tokens. Required outside standalone; standalone generates one under DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  @IsNoPlaceholder('text')
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 3600;

  /** 32-byte key (64 hex chars) for personal data at rest. Required outside standalone. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'PII_ENCRYPTION_KEY must be 64 hex characters' })
  @IsNoPlaceholder('hex-key')
  PII_ENCRYPTION_KEY?: string;

  /** Password of the first admin on an empty database; unset: a random one is printed once. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  @IsNoPlaceholder('text')
  ADMIN_PASSWORD?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** How long SIGTERM may take (HTTP drain, relays, consumers, workers) before the process gives up and exits 1. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  SHUTDOWN_TIMEOUT_MS = 20_000;

  /** Swagger UI at /docs and the document at /docs-json. Unset: on in standalone, off for an app started alone. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  DOCS_ENABLED?: boolean;

  /** Bearer token a Prometheus scraper sends to /metrics (an admin's access token works too). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  @IsNoPlaceholder('text')
  METRICS_TOKEN?: string;

  /** Failed logins in a row after which a username is locked for LOGIN_LOCK_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_SECONDS = 900;

  /** Login attempts one client address may make per LOGIN_WINDOW_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ATTEMPTS_PER_ADDRESS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 60;

  /** Express's `trust proxy` (hops, e.g. 1 behind one load balancer), so the per-address login limit sees the client, not the proxy. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  TRUST_PROXY_HOPS = 0;

  /** How often each process re-reads the revoked users from Redis (changes are also pushed at once). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  REVOCATION_REFRESH_MS = 5000;

  @Transform(toBool)
  @IsBoolean()
  OUTBOX_RELAY_ENABLED = true;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_INTERVAL_MS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  OUTBOX_BATCH_SIZE = 200;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_MAX_ATTEMPTS = 5;

  /**
   * How long a claimed outbox batch stays reserved for the relay that claimed it. It must
   * exceed the slowest publish of one batch, or a standby could publish a key's later event
   * before the earlier one lands.
   */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(3600)
  OUTBOX_LEASE_SECONDS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_BACKOFF_BASE_MS = 500;

  /** How long a relay's publishes may keep failing (the broker unavailable) before /ready answers 503. A missing topic fails it at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_FAILING_READY_SECONDS = 60;

  /**
   * How long a Kafka consumer group may fetch nothing (kafkajs fetches at least twice a second
   * when idle) before /ready answers 503: stuck joining, or a handler that never returns.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CONSUMER_STALLED_READY_SECONDS = 60;

  /** Published outbox rows older than this move to outbox_archive. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_RETENTION_HOURS = 168;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  INBOX_MAX_ATTEMPTS = 5;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  INBOX_BACKOFF_BASE_MS = 100;

  /** Prefix of every BullMQ key in Redis (one per deployment; tests use one per app). */
  @IsString()
  @Matches(/^[\w.-]+$/, { message: 'BULLMQ_PREFIX may hold letters, digits, dot, dash and underscore' })
  BULLMQ_PREFIX = 'xingfu';

  /** `system`: the business date is today's Asia/Shanghai date; `managed`: an admin sets it (PUT /api/v1/admin/business-date). */
  @IsIn(['system', 'managed'])
  BUSINESS_DATE_MODE: 'system' | 'managed' = 'system';

  /** The hour (0-23, Asia/Shanghai) at which each service's daily sweeps run. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  SWEEP_HOUR = 1;

  /** Fixed business date for demos and tests (YYYY-MM-DD); with BUSINESS_DATE_MODE=managed it seeds the managed date. Unset: the real date. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'BUSINESS_DATE must be YYYY-MM-DD' })
  BUSINESS_DATE?: string;

  /** The reminders' SMS gateway (POST, JSON). Unset: reminders to a phone are only logged (the `log` channel). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'REMINDERS_SMS_URL must be an http(s):// URL' })
  REMINDERS_SMS_URL?: string;

  /** The key the SMS gateway expects in its X-Api-Key header (a secret: no placeholder). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @IsNoPlaceholder('text')
  REMINDERS_SMS_KEY?: string;

  /** The gateway's template id the reminder texts are sent under. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  REMINDERS_SMS_TEMPLATE_ID?: string;

  /** How often the reminders service enqueues again what PostgreSQL holds as still to send (a job lost with Redis). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REMINDERS_REQUEUE_SECONDS = 60;
}
