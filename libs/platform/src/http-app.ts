import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { NextFunction, Request, Response } from 'express';
import { AppConfig, errorMessage, setupSwagger, TimeoutError, withTimeout } from '@xingfu/common';
import { stopEmbeddedPostgres } from '@xingfu/database';
import { Logger as PinoLogger } from 'nestjs-pino';
import { answerClientErrorsAsJson } from './http/client-errors';
import { drainGate, startDraining } from './http/drain';
import { limitJsonDepth, MAX_JSON_DEPTH, rejectUnstorableStrings } from './http/input-guard';
import { securityHeaders } from './http/security-headers';
import { createRootModule, RootOptions } from './root-module';

/** Settings every HTTP app shares, the real ones and those tests start. */
export function configureHttpApp(app: INestApplication, title: string, options: { docs: boolean } = { docs: true }): void {
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'ready', 'metrics'] });
  (app as NestExpressApplication).disable('x-powered-by');
  answerClientErrorsAsJson(app.getHttpServer());
  // Before anything reads the request: a draining server refuses it unread.
  app.use(drainGate(app));
  app.use(securityHeaders);
  (app as NestExpressApplication).useBodyParser('json', { limit: '1mb', verify: limitJsonDepth });
  // Nest turns a body-parser failure into a bare 400 carrying the parser's message (which
  // may quote the body); answer it here, right after the parser, in the one error shape.
  app.use(bodyParserErrors);
  app.use(rejectUnstorableStrings);
  if (options.docs) setupSwagger(app, title);
}

function bodyParserErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const e = error as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed') {
    res.status(400).json({ code: 'invalid_json', message: 'The request body is not valid JSON.', details: {} });
  } else if (e?.type === 'entity.too.deep') {
    res.status(400).json({ code: 'invalid_json', message: `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`, details: {} });
  } else if (e?.type === 'entity.too.large') {
    res.status(413).json({ code: 'payload_too_large', message: 'The request body is larger than 1 MB.', details: {} });
  } else {
    next(error);
  }
}

export async function createHttpApp(options: RootOptions, title: string): Promise<INestApplication> {
  // abortOnError false: a failure while starting throws here (and is reported in one
  // sentence by runHttpApp) instead of Nest printing a stack trace and exiting on its own.
  const app = await NestFactory.create<NestExpressApplication>(createRootModule(options), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(PinoLogger));
  const config = app.get(AppConfig);
  if (config.TRUST_PROXY_HOPS > 0) app.set('trust proxy', config.TRUST_PROXY_HOPS);
  configureHttpApp(app, title, { docs: config.DOCS_ENABLED ?? options.standalone });
  return app;
}

/**
 * Starts a process: listens on PORT, says where things are, and on SIGTERM/SIGINT stops
 * taking requests, lets the running ones finish, then stops relays, consumers, workers
 * and connections (Nest's shutdown hooks), and embedded PostgreSQL last. The signal
 * handlers are in place before start-up, so a signal while starting still ends in an
 * orderly stop (never an orphaned embedded PostgreSQL).
 */
export async function runHttpApp(options: RootOptions, title: string): Promise<void> {
  const logger = new Logger('Main');
  let app: INestApplication | undefined;
  let signalled: string | undefined;
  const onSignal = (signal: string) => {
    if (signalled) return;
    signalled = signal;
    if (app) void drainAndExit(app, signal, logger);
  };
  // `on`, not `once`: a signal sent to the whole process group reaches this process twice
  // (directly, and forwarded by scripts/run-app.js); a second one must not kill it mid-drain.
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  // A library may fail outside our promise chain while starting (a child process's 'error'
  // event, say): that too is one sentence, not a stack trace.
  const failStart = (error: unknown): Promise<never> => refuseToStart(title, error);
  process.once('uncaughtException', failStart);
  let port: number;
  try {
    const created = await createHttpApp(options, title);
    port = created.get(AppConfig).PORT;
    await created.listen(port);
    app = created;
  } catch (error) {
    return failStart(error);
  }
  process.removeListener('uncaughtException', failStart);
  const base = `http://localhost:${port}`;
  const docs = app.get(AppConfig).DOCS_ENABLED ?? options.standalone;
  logger.log(`${title} listening: API ${base}/api/v1, ${docs ? `Swagger ${base}/docs` : 'Swagger off (DOCS_ENABLED)'}, health ${base}/health`);
  if (signalled) await drainAndExit(app, signalled, logger);
}

async function refuseToStart(title: string, error: unknown): Promise<never> {
  process.stderr.write(`${title} did not start: ${errorMessage(error)}\n`);
  await stopEmbeddedPostgres().catch(() => undefined);
  process.exit(1);
}

async function drainAndExit(app: INestApplication, signal: string, logger: Logger): Promise<never> {
  logger.log(`${signal}: draining`);
  const deadline = app.get(AppConfig).SHUTDOWN_TIMEOUT_MS;
  // A dependency that stopped answering (Redis, a broker) must not keep the process alive for
  // ever, and a hook that failed must not pass for a clean stop.
  const problem = await withTimeout(drain(app), deadline, `did not finish within ${deadline} ms (a dependency is not answering)`).then(
    () => undefined,
    (error: unknown) => (error instanceof TimeoutError ? error.message : `failed: ${errorMessage(error)}`),
  );
  await stopEmbeddedPostgres().catch(() => undefined);
  if (problem) {
    logger.error(`shutdown ${problem}; exiting anyway`);
    process.exit(1);
  }
  logger.log('stopped');
  process.exit(0);
}

/** Stops taking requests, lets the running ones finish, then Nest's shutdown hooks. */
async function drain(app: INestApplication): Promise<void> {
  const server = app.getHttpServer();
  startDraining(app);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    setTimeout(resolve, 10_000).unref();
    server.closeIdleConnections?.();
  });
  await app.close();
}
