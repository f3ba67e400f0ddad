import { NestFactory } from '@nestjs/core';
import { createRootModule } from '@xingfu/platform';
import { ReadModelsModule } from '../../apps/reporting/src/read-models/read-models.module';
import { ReadModelRebuild } from '../../apps/reporting/src/read-models/rebuild/read-model-rebuild';
import { reportingDatabase } from '../../apps/reporting/src/reporting.database';
import { ProgressBar } from './progress-bar';

/**
 * `reporting:rebuild`: boots reporting's read models alone against DATABASE_URL (no HTTP, no
 * relay, no Kafka consumer, no job worker: only the consumers the replay hands events to), and
 * rebuilds them from the outboxes of that database.
 */
export async function reportingRebuild(env: NodeJS.ProcessEnv): Promise<string> {
  if (!env.DATABASE_URL) throw new Error('reporting:rebuild needs DATABASE_URL (the database the services write their outboxes to)');
  const root = createRootModule({
    services: [reportingDatabase],
    modules: [ReadModelsModule],
    standalone: true,
    env: { LOG_LEVEL: 'warn', ...env, KAFKA_BROKERS: '', OUTBOX_RELAY_ENABLED: 'false' },
  });
  const app = await NestFactory.createApplicationContext(root, { abortOnError: false, logger: ['error', 'warn'] });
  try {
    const bar = new ProgressBar('reporting:rebuild');
    const { events } = await app.get(ReadModelRebuild).run((done, total) => bar.update(done, total));
    bar.finish();
    return `reporting:rebuild: replayed ${events} events into the read models`;
  } finally {
    await app.close();
  }
}
