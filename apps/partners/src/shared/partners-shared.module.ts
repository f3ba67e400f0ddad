import { Module } from '@nestjs/common';
import { KitModule } from '@xingfu/kit';
import { EnrolmentLifecycle } from './enrolment-lifecycle';
import { EnrolmentView } from './enrolment-view';
import { RECORD_SCOPES } from './record-scopes';

/** What every part of the partners service shares: the kit (unit of work), the enrolment lifecycle, the view, record scopes. */
@Module({
  imports: [KitModule.forService('partners')],
  providers: [EnrolmentLifecycle, EnrolmentView, ...RECORD_SCOPES],
  exports: [KitModule, EnrolmentLifecycle, EnrolmentView, ...RECORD_SCOPES],
})
export class PartnersSharedModule {}
