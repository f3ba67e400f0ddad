import { Injectable } from '@nestjs/common';
import { EventEnvelope, PublicNoticeClosed, PublicNoticeClosedV1, PublicNoticeOpened, PublicNoticeOpenedV1 } from '@xingfu/contracts';
import { countyOfTownship } from '@xingfu/kernel';
import { EventConsumer, EventHandler } from '@xingfu/messaging';
import { EntityManager } from 'typeorm';
import { WaitingEvents } from '../shared/waiting-events';
import { waitingForNotice } from '../shared/waiting-keys';

const CONSUMER = 'follow-notices';
type NoticePayload = PublicNoticeOpenedV1 | PublicNoticeClosedV1;

/** A village's public notice (公示): its end date (the officer is reminded the day before) until it closes. */
@Injectable()
@EventConsumer({ service: 'reminders', name: CONSUMER, events: [PublicNoticeOpened, PublicNoticeClosed] })
export class FollowNotices implements EventHandler<typeof PublicNoticeOpened | typeof PublicNoticeClosed> {
  constructor(private readonly waiting: WaitingEvents) {
    waiting.register(CONSUMER, (event, manager) => this.handle(event as EventEnvelope<NoticePayload>, manager));
  }

  async handle(event: EventEnvelope<NoticePayload>, manager: EntityManager): Promise<void> {
    if (event.type === PublicNoticeOpened.type) {
      const notice = event.payload as PublicNoticeOpenedV1;
      await manager.query(
        `INSERT INTO reminders.notices (notice_id, county_code, township_code, village_code, end_date) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (notice_id) DO NOTHING`,
        [notice.noticeId, countyOfTownship(notice.townshipCode), notice.townshipCode, notice.villageCode, notice.endDate],
      );
      await this.waiting.release(manager, waitingForNotice(notice.noticeId));
      return;
    }
    const { noticeId, closedOn } = event.payload as PublicNoticeClosedV1;
    const known = async () => (await manager.query(`SELECT 1 FROM reminders.notices WHERE notice_id = $1`, [noticeId])).length > 0;
    if (!(await this.waiting.ready(manager, CONSUMER, waitingForNotice(noticeId), event, known))) return;
    await manager.query(`UPDATE reminders.notices SET closed_on = LEAST(closed_on, $2::date) WHERE notice_id = $1`, [noticeId, closedOn]);
  }
}
