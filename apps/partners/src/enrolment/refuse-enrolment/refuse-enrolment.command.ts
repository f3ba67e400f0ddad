import { Command, Plain } from '@xingfu/kit';
import type { RefuseEnrolmentDto } from './refuse-enrolment.dto';

export class RefuseEnrolmentCommand extends Command<{ enrolmentId: string } & Plain<RefuseEnrolmentDto>> {}
