import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ schema: 'identity', name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Always lowercase (a CHECK enforces it): logins are case-insensitive. */
  @Column({ type: 'text', unique: true })
  username!: string;

  /** `scrypt$N$r$p$salt$key`; never leaves this service. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column('text')
  role!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  townships!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  counties!: string[];

  @Column({ name: 'partner_id', type: 'text', nullable: true })
  partnerId!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}
