import 'reflect-metadata';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Min, MinLength } from 'class-validator';
import { IsBusinessDate } from '../../business-date.decorator';

/** The three parties of a joint guarantee (三方联保): the township government, the village committee, a guarantor household. */
export const GUARANTOR_ROLES = ['township', 'village', 'household'] as const;
export type GuarantorRole = (typeof GUARANTOR_ROLES)[number];

/** How a demand reaches a party: a letter to a government or committee, a text message to a household. */
export const DEMAND_CHANNELS = ['letter', 'sms'] as const;
export type DemandChannel = (typeof DEMAND_CHANNELS)[number];

/** One party's liability on an invoked guarantee, and the demand made to it. */
export class PartyLiabilityV1 {
  @IsIn(GUARANTOR_ROLES)
  role!: GuarantorRole;

  /** The township government, the village committee, or the household head's masked name. */
  @IsString()
  @MinLength(1)
  partyName!: string;

  /** Joint and several: each party is liable for the whole amount overdue. */
  @IsInt()
  @Min(1)
  liabilityFen!: number;

  @IsUUID()
  demandId!: string;

  @IsBusinessDate()
  demandedOn!: string;

  @IsIn(DEMAND_CHANNELS)
  channel!: DemandChannel;

  /** The household's phone, sealed with the PII key, for reminders to text; absent for a letter. */
  @IsOptional()
  @IsString()
  phoneSealed?: string;
}
