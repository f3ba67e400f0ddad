import { Module } from '@nestjs/common';
import { PiiCipher, Secrets } from '@xingfu/common';
import { KitModule } from '@xingfu/kit';
import { FollowBuybacks } from './buybacks/follow-buybacks.consumer';
import { FollowUpVisits } from './follow-ups/follow-up-visits.consumer';
import { FollowGuarantees } from './guarantees/follow-guarantees.consumer';
import { FollowLoans } from './loans/follow-loans.consumer';
import { FollowSchedules } from './loans/follow-schedules.consumer';
import { FollowMothers } from './mothers/follow-mothers.consumer';
import { FollowNotices } from './notices/follow-notices.consumer';
import { ChangeProjectSettingsHandler } from './settings/change-settings/change-project-settings.handler';
import { GetProjectSettingsHandler } from './settings/get-settings/get-project-settings.handler';
import { ProjectSettingsController } from './settings/project-settings.controller';
import { ProjectSettingsScope } from './settings/project-settings.scope';
import { SealedPhone } from './shared/sealed-phone';
import { WaitingEvents } from './shared/waiting-events';

const controllers = [ProjectSettingsController];
const commandHandlers = [ChangeProjectSettingsHandler];
const queryHandlers = [GetProjectSettingsHandler];
const eventConsumers = [FollowMothers, FollowLoans, FollowSchedules, FollowGuarantees, FollowNotices, FollowBuybacks, FollowUpVisits];

/**
 * What reminders knows, fed only by committed events, each consumed once through the inbox:
 * mothers (sealed phone and its lookup hash, never the number), loans, their instalments (the
 * current schedule is `loans.schedule_version`), arrears pauses, guarantees and their demands,
 * public notices, expected buybacks, follow-up visits, and each project's reminder settings
 * (seeded on its first approval, changed by its project office). Events may come in any order:
 * an event before the record it changes waits for it (shared/waiting-events), and every other
 * write only moves forward, so duplicates and reorderings give the same tables.
 */
@Module({
  imports: [KitModule.forService('reminders')],
  controllers,
  providers: [
    WaitingEvents,
    SealedPhone,
    ProjectSettingsScope,
    { provide: PiiCipher, inject: [Secrets], useFactory: (secrets: Secrets) => new PiiCipher(secrets.piiKey) },
    ...commandHandlers,
    ...queryHandlers,
    ...eventConsumers,
  ],
})
export class ReadModelModule {}
