import { Injectable, Module, Type } from '@nestjs/common';
import { ApplicationSubmitted, defineEvent, EventEnvelope } from '@xingfu/contracts';
import { ServiceDatabase } from '@xingfu/database';
import { EventConsumer, EventHandler, MessagingModule } from '@xingfu/messaging';
import { createHttpApp } from '@xingfu/platform';
import { createTestDatabase, dropTestDatabase, testEnv } from '@xingfu/testing';
import { applicationsDatabase } from '../../apps/applications/src/applications.database';
import { ApplicationsModule } from '../../apps/applications/src/applications.module';
import { reportingDatabase } from '../../apps/reporting/src/reporting.database';
import { ReportingModule } from '../../apps/reporting/src/reporting.module';

class ApplicationTeleportedV1 {}
/** Defined like a contract, but never added to libs/contracts/src/registry.ts. */
const ApplicationTeleported = defineEvent({ type: 'ApplicationTeleported', version: 1, producer: 'applications', payload: ApplicationTeleportedV1, description: 'unregistered' });

@Module({ imports: [MessagingModule.forFeature({ service: 'applications', produces: [ApplicationSubmitted, ApplicationTeleported] })] })
class AppendsAnUnregisteredEvent {}

@Injectable()
@EventConsumer({ service: 'reporting', name: 'applications-by-township', events: [ApplicationSubmitted] })
class SecondCounterOfTheSameName implements EventHandler<typeof ApplicationSubmitted> {
  async handle(_event: EventEnvelope): Promise<void> {}
}
@Module({ providers: [SecondCounterOfTheSameName] })
class ReusesAConsumerName {}

@Module({ imports: [MessagingModule.forFeature({ service: 'applications', produces: [ApplicationSubmitted] })] })
class ProducesWithoutItsService {}

describe('start-up checks of the backbone', () => {
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('startup');
  });

  afterAll(async () => {
    await dropTestDatabase(databaseUrl);
  });

  async function startUp(services: ServiceDatabase[], modules: Type<unknown>[]): Promise<string> {
    const app = await createHttpApp({ services, modules, standalone: true, env: testEnv(databaseUrl) }, 'xingfu test');
    try {
      await app.init();
      return 'started';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    } finally {
      await app.close().catch(() => undefined);
    }
  }

  // The real services start with their declarations: every other test of test/backbone boots them.

  it('fails when a service appends an event with no registered contract, naming it', async () => {
    const failure = await startUp([applicationsDatabase, reportingDatabase], [ApplicationsModule, ReportingModule, AppendsAnUnregisteredEvent]);
    expect(failure).toContain('applications appends ApplicationTeleported v1, which has no contract in libs/contracts/src/registry.ts');
  });

  it('fails when two consumers have one name, naming both', async () => {
    const failure = await startUp([applicationsDatabase, reportingDatabase], [ApplicationsModule, ReportingModule, ReusesAConsumerName]);
    expect(failure).toContain('2 consumers are named reporting.applications-by-township: CountApplicationWhenSubmitted, SecondCounterOfTheSameName');
  });

  it('fails when a producing service has no relay in the process', async () => {
    const failure = await startUp([reportingDatabase], [ReportingModule, ProducesWithoutItsService]);
    expect(failure).toContain('applications produces events but is not hosted by this process, so no relay publishes its outbox');
  });
});
