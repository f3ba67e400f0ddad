import { ServiceDatabase } from '@xingfu/database';
import { messagingTablesMigration } from '@xingfu/messaging';
import { CreateApplicationsByTownship1763800000100 } from './migrations/1763800000100-create-applications-by-township';
import { CreateReadModels1765000000100 } from './migrations/1765000000100-create-read-models';
import { PortfolioTownshipCells1765000000200 } from './migrations/1765000000200-portfolio-township-cells';
import { DueTownshipCells1765000000300 } from './migrations/1765000000300-due-township-cells';

export const reportingDatabase: ServiceDatabase = {
  schema: 'reporting',
  entities: [],
  migrations: [
    messagingTablesMigration('reporting', 1763800000000),
    CreateApplicationsByTownship1763800000100,
    CreateReadModels1765000000100,
    PortfolioTownshipCells1765000000200,
    DueTownshipCells1765000000300,
  ],
};
