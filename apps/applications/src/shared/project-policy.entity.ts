import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AidStandard, CreditGrade, CreditWeights, LoanPolicy } from '../domain/project-policy';

/** One version of a project's rules; never updated, only superseded by a higher version. */
@Entity({ schema: 'applications', name: 'project_policies' })
export class ProjectPolicyEntity {
  @PrimaryColumn({ name: 'project_id', type: 'uuid' }) projectId!: string;
  @PrimaryColumn('int') version!: number;
  @Column({ name: 'aid_standard', type: 'jsonb' }) aidStandard!: AidStandard;
  @Column({ name: 'loan_policy', type: 'jsonb' }) loanPolicy!: LoanPolicy;
  @Column({ name: 'credit_grades', type: 'jsonb' }) creditGrades!: CreditGrade[];
  @Column({ name: 'credit_weights', type: 'jsonb' }) creditWeights!: CreditWeights;
  @Column({ name: 'public_notice_days', type: 'int' }) publicNoticeDays!: number;
  @Column({ name: 'changed_by', type: 'uuid' }) changedBy!: string;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt!: Date;
}
