import { Controller, Get, Inject, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EventEnvelope, SERVICE_NAMES, ServiceName } from '@xingfu/contracts';
import { DomainError, validationFailed } from '@xingfu/common';
import { Roles } from '@xingfu/auth';
import { DataSource } from 'typeorm';
import { isUnreadableConsumer } from '../inbox/park-unreadable';
import { HOSTED_SERVICES, MessagingRuntime } from '../messaging.runtime';

/** Operators see what the backbone parked (failed outbox rows, dead letters) and put it back. */
@ApiTags('operations')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/messaging')
export class MessagingAdminController {
  constructor(
    @Inject(HOSTED_SERVICES) private readonly services: ServiceName[],
    private readonly dataSource: DataSource,
    private readonly runtime: MessagingRuntime,
  ) {}

  @Get('outbox')
  @ApiOperation({ summary: 'Outbox rows by status (default failed), newest first, per hosted service.' })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'published', 'failed'] })
  async outbox(@Query('status') status = 'failed') {
    if (!['pending', 'published', 'failed'].includes(status)) {
      throw validationFailed({ status: ['status must be pending, published or failed'] });
    }
    const rows = [];
    for (const service of this.services) {
      const found: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT event_id AS "eventId", type, version, key, attempts, last_error AS "lastError", created_at AS "createdAt", status
           FROM "${service}".outbox WHERE status = $1 ORDER BY seq DESC LIMIT 200`,
        [status],
      );
      rows.push(...found.map((r) => ({ service, ...r })));
    }
    return { items: rows };
  }

  @Post('outbox/:service/:eventId/retry')
  @ApiOperation({ summary: 'Puts a failed outbox row back to pending with fresh attempts.' })
  @ApiNotFoundResponse({ description: 'The service is not hosted here, or it has no failed outbox event with that id.' })
  async retryOutbox(@Param('service') service: string, @Param('eventId') eventId: string) {
    const schema = this.hosted(service);
    const [, updated] = await this.dataSource.query(
      `UPDATE "${schema}".outbox SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE event_id::text = $1 AND status = 'failed'`,
      [eventId],
    );
    if (!updated) throw new DomainError('not_found', 'not_found', `no failed outbox event ${eventId} in ${service}`);
    return { eventId, status: 'pending' };
  }

  @Get('dead-letters')
  @ApiOperation({ summary: 'Events consumers parked after their last attempt.' })
  async deadLetters() {
    const rows = [];
    for (const service of this.services) {
      const found: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT id, consumer, event_id AS "eventId", envelope->>'type' AS type, error, attempts, created_at AS "createdAt"
           FROM "${service}".dead_letters WHERE replayed_at IS NULL ORDER BY id DESC LIMIT 200`,
      );
      rows.push(...found.map((r) => ({ service, ...r })));
    }
    return { items: rows };
  }

  @Post('dead-letters/:service/:id/replay')
  @ApiOperation({ summary: 'Hands a dead letter to its consumer again.' })
  @ApiNotFoundResponse({ description: 'The service is not hosted here, or it has no unreplayed dead letter with that id.' })
  @ApiConflictResponse({ description: 'unreadable: the dead letter is a Kafka record that was not an event; no consumer can take it.' })
  async replay(@Param('service') service: string, @Param('id', ParseIntPipe) id: number) {
    if (!Number.isSafeInteger(id) || id < 1) throw new DomainError('not_found', 'not_found', `dead letter ${id} was not found`);
    const schema = this.hosted(service);
    const [row]: { consumer: string; envelope: EventEnvelope }[] = await this.dataSource.query(
      `SELECT consumer, envelope FROM "${schema}".dead_letters WHERE id = $1 AND replayed_at IS NULL`,
      [id],
    );
    if (!row) throw new DomainError('not_found', 'not_found', `dead letter ${id} was not found`);
    if (isUnreadableConsumer(row.consumer)) {
      throw new DomainError('conflict', 'unreadable', `dead letter ${id} is an unreadable record, not an event: no consumer can take it`);
    }
    await this.dataSource.query(`UPDATE "${schema}".dead_letters SET replayed_at = now() WHERE id = $1`, [id]);
    const result = await this.runtime.replay(row.consumer, row.envelope);
    return { id, result };
  }

  private hosted(service: string): ServiceName {
    const found = SERVICE_NAMES.find((s) => s === service);
    if (!found || !this.services.includes(found)) throw new DomainError('not_found', 'not_found', `service ${service} is not hosted here`);
    return found;
  }
}
