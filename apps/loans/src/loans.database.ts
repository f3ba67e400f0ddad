import { ServiceDatabase } from '@xingfu/database';
import { idempotencyTableMigration } from '@xingfu/kit';
import { messagingTablesMigration } from '@xingfu/messaging';
import { CreateLoans1764700000100 } from './migrations/1764700000100-create-loans';
import { ProjectPolicyVersion1764700000300 } from './migrations/1764700000300-project-policy-version';
import { EarlyGuaranteeEffective1764700000400 } from './migrations/1764700000400-early-guarantee-effective';
import { LoansInArrears1764700000600 } from './migrations/1764700000600-loans-in-arrears';
import { InstalmentsAgesOn1765100000100 } from './migrations/1765100000100-instalments-ages-on';
import { ArrearsLookups1765100000200 } from './migrations/1765100000200-arrears-lookups';
import { MotherNameHash1765100000500 } from './migrations/1765100000500-mother-name-hash';

export const loansDatabase: ServiceDatabase = {
  schema: 'loans',
  entities: [],
  migrations: [messagingTablesMigration('loans', 1763800000000), CreateLoans1764700000100, idempotencyTableMigration('loans', 1764700000200), ProjectPolicyVersion1764700000300, EarlyGuaranteeEffective1764700000400, LoansInArrears1764700000600, InstalmentsAgesOn1765100000100, ArrearsLookups1765100000200, MotherNameHash1765100000500],
};
