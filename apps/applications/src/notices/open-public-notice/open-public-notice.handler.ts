import { actingUser } from '@xingfu/kernel';
import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PublicNoticeOpened, townshipOfVillage } from '@xingfu/contracts';
import { Clock, assertNoProblems, validationFailed } from '@xingfu/common';
import { ApplicationEntity } from '../../shared/application.entity';
import { ApplicationLifecycle } from '../../shared/application-lifecycle';
import { ProjectPolicyReader } from '../../shared/project-policy.reader';
import { noticeEndDate } from '../domain/notice-period';
import { openingProblems } from '../domain/opening-rules';
import { OpenPublicNoticeCommand } from './open-public-notice.command';

/** Posts a village's eligible applications publicly (公示); PublicNoticeOpened schedules its end. */
@CommandHandler(OpenPublicNoticeCommand)
export class OpenPublicNoticeHandler implements ICommandHandler<OpenPublicNoticeCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly policies: ProjectPolicyReader,
    private readonly clock: Clock,
  ) {}

  execute({ fields: input, context }: OpenPublicNoticeCommand) {
    const user = actingUser(context);
    return this.uow.run(context, async (work) => {
      const { manager } = work;
      // Sorted ids: two requests locking the same applications always lock them in one order.
      const ids = [...input.applicationIds].sort();
      const applications: ApplicationEntity[] = [];
      for (const id of ids) {
        const application = await this.lifecycle.loadForChange(work, id);
        if (application.villageCode !== input.villageCode) {
          throw validationFailed({ applicationIds: [`application ${id} is in village ${application.villageCode}, not ${input.villageCode}`] });
        }
        this.lifecycle.assertCan(application, 'public-notice');
        applications.push(application);
      }
      const [first] = applications;
      if (applications.some((a) => a.projectId !== first.projectId)) {
        throw validationFailed({ applicationIds: ['a notice lists the applications of one project; these belong to several'] });
      }
      const minDays = (await this.policies.current(manager, first.projectId)).publicNoticeDays;
      const days = input.days ?? minDays;
      assertNoProblems(openingProblems({ startDate: input.startDate, days }, { today: this.clock.today(), minDays }));
      const id = randomUUID();
      const endDate = noticeEndDate(input.startDate, days);
      const townshipCode = townshipOfVillage(input.villageCode);
      await manager.query(
        `INSERT INTO applications.public_notices (id, county_code, township_code, village_code, start_date, days, end_date, status, opened_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8)`,
        [id, first.countyCode, townshipCode, input.villageCode, input.startDate, days, endDate, user.id],
      );
      for (const application of applications) {
        await manager.query(`INSERT INTO applications.public_notice_items (notice_id, application_id) VALUES ($1, $2)`, [id, application.id]);
        await this.lifecycle.apply(work, application, 'public-notice', { details: { noticeId: id, startDate: input.startDate, endDate } });
      }
      await work.outbox.append(PublicNoticeOpened, id, { noticeId: id, townshipCode, villageCode: input.villageCode, applicationIds: ids, startDate: input.startDate, endDate, days });
      return { id, projectId: first.projectId, villageCode: input.villageCode, townshipCode, startDate: input.startDate, days, endDate, status: 'open' as const, applicationIds: ids };
    });
  }
}
