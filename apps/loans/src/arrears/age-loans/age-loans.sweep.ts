import { Injectable } from '@nestjs/common';
import { DailySweep } from '@xingfu/jobs';
import { LoansSweep } from '../../loans.jobs';
import { AgeingCounts, LoanAgeing } from './loan-ageing';

/**
 * The daily arrears sweep: the kit runs it once for each business date, in order, catching up
 * the days missed (a process down, a managed date moved ahead), so a loan ages day by day and
 * enters each bucket on the date it reaches it.
 */
@Injectable()
export class AgeLoansSweep {
  constructor(private readonly ageing: LoanAgeing) {}

  @DailySweep(LoansSweep.Arrears)
  sweep(businessDate: string): Promise<AgeingCounts> {
    return this.ageing.run(businessDate);
  }
}
