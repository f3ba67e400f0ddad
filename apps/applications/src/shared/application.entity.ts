import { fenTransformer } from '@xingfu/database';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ApplicationStatus } from '../domain/application-status';
import { RepaymentPlan } from '../domain/project-policy';

/** One mother's application in one project: the survey (调查表) and the outcome of every step. */
@Entity({ schema: 'applications', name: 'applications' })
export class ApplicationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'project_id', type: 'uuid' }) projectId!: string;
  @Column('text') status!: ApplicationStatus;
  @Column({ name: 'county_code', type: 'char', length: 6 }) countyCode!: string;
  @Column({ name: 'township_code', type: 'char', length: 9 }) townshipCode!: string;
  @Column({ name: 'village_code', type: 'char', length: 12 }) villageCode!: string;
  @Column('text') address!: string;
  @Column({ name: 'mother_name', type: 'text' }) motherName!: string;
  /** AES-GCM sealed; opened only for roles that need the full number. */
  @Column({ name: 'id_number_sealed', type: 'text' }) idNumberSealed!: string;
  /** Keyed hash, for the one-case-per-mother lookup. */
  @Column({ name: 'id_number_hash', type: 'text' }) idNumberHash!: string;
  @Column({ name: 'id_number_masked', type: 'text' }) idNumberMasked!: string;
  @Column({ name: 'birth_date', type: 'date' }) birthDate!: string;
  @Column({ name: 'phone_sealed', type: 'text' }) phoneSealed!: string;
  @Column({ name: 'phone_masked', type: 'text' }) phoneMasked!: string;
  @Column({ name: 'household_size', type: 'int' }) householdSize!: number;
  @Column({ type: 'int' }) labourers!: number;
  @Column({ name: 'annual_income_fen', type: 'bigint', transformer: fenTransformer }) annualIncomeFen!: number;
  @Column({ name: 'family_planning_status', type: 'text' }) familyPlanningStatus!: string;
  @Column({ name: 'poverty_status', type: 'text' }) povertyStatus!: string;
  @Column({ name: 'debts_fen', type: 'bigint', transformer: fenTransformer }) debtsFen!: number;
  @Column('text') industry!: string;
  @Column({ name: 'project_description', type: 'text' }) projectDescription!: string;
  @Column({ name: 'requested_amount_fen', type: 'bigint', transformer: fenTransformer }) requestedAmountFen!: number;
  @Column('text') model!: 'company' | 'lead_farmer' | 'park' | 'self';
  @Column({ name: 'partner_id', type: 'text', nullable: true }) partnerId!: string | null;
  @Column({ name: 'survey_date', type: 'date' }) surveyDate!: string;
  @Column({ name: 'submitted_by', type: 'uuid' }) submittedBy!: string;
  @Column({ name: 'screened_policy_version', type: 'int', nullable: true }) screenedPolicyVersion!: number | null;
  @Column({ name: 'credit_score', type: 'int', nullable: true }) creditScore!: number | null;
  @Column({ name: 'credit_grade', type: 'text', nullable: true }) creditGrade!: string | null;
  @Column({ name: 'credit_ceiling_fen', type: 'bigint', nullable: true, transformer: fenTransformer }) creditCeilingFen!: number | null;
  @Column({ name: 'approved_amount_fen', type: 'bigint', nullable: true, transformer: fenTransformer }) approvedAmountFen!: number | null;
  @Column({ name: 'term_months', type: 'int', nullable: true }) termMonths!: number | null;
  @Column({ name: 'repayment_plan', type: 'jsonb', nullable: true }) repaymentPlan!: RepaymentPlan | null;
  @Column({ name: 'disbursement_mode', type: 'text', nullable: true }) disbursementMode!: 'cash' | 'in_kind' | 'mixed' | null;
  @Column({ name: 'approved_by', type: 'uuid', nullable: true }) approvedBy!: string | null;
  @Column({ name: 'approved_on', type: 'date', nullable: true }) approvedOn!: string | null;
  /** Why it was rejected or withdrawn. */
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}
