import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@xingfu/common';
import { IsIn, IsOptional } from 'class-validator';
import { ENROLMENT_STATUSES, EnrolmentStatus } from '../domain/enrolment-status';

export class ListEnrolmentsFilter extends PageQuery {
  @ApiPropertyOptional({ enum: ENROLMENT_STATUSES })
  @IsOptional()
  @IsIn(ENROLMENT_STATUSES)
  status?: EnrolmentStatus;
}
