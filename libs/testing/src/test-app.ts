import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { INestApplication } from '@nestjs/common';
import { AuthUser, Role, TokenService } from '@xingfu/auth';
import { Clock } from '@xingfu/common';
import { MessagingRuntime } from '@xingfu/messaging';
import { createHttpApp, RootOptions } from '@xingfu/platform';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { assertTestDatabaseUrl } from './test-database';
import { testEnv } from './test-env';

export interface TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
  messaging: MessagingRuntime;
  /** A bearer token for a user with this role and scopes (signed like identity signs them). */
  tokenFor(role: Role, scopes?: Partial<Pick<AuthUser, 'townships' | 'counties' | 'partnerId'>>): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions extends Pick<RootOptions, 'services' | 'modules'> {
  databaseUrl: string;
  kafka?: boolean;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
}

/** A real app (real Postgres, Redis and, with kafka, the broker) for one test file. */
export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  assertTestDatabaseUrl(options.databaseUrl);
  const env = testEnv(options.databaseUrl, { kafka: options.kafka, extra: options.env });
  const app = await createHttpApp(
    { services: options.services, modules: options.modules, standalone: true, env, clock: options.clock },
    'xingfu test',
  );
  await app.init();
  const tokens = app.get(TokenService);
  return {
    app,
    http: () => request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    messaging: app.get(MessagingRuntime),
    tokenFor: (role, scopes = {}) =>
      tokens.issue({
        id: randomUUID(),
        username: `${role}-${randomUUID().slice(0, 8)}`,
        role,
        townships: scopes.townships ?? [],
        counties: scopes.counties ?? [],
        partnerId: scopes.partnerId ?? null,
      }),
    close: async () => {
      await app.close();
      rmSync(env.DATA_DIR as string, { recursive: true, force: true });
    },
  };
}
