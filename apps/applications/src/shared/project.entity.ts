import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A county project (县项目); its rules live in versioned ProjectPolicyEntity rows. */
@Entity({ schema: 'applications', name: 'projects' })
export class ProjectEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column({ name: 'county_code', type: 'char', length: 6 }) countyCode!: string;
  /** The version in force now. */
  @Column({ name: 'policy_version', type: 'int' }) policyVersion!: number;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
