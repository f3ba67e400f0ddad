// The one place that knows every service: standalone hosts them all in one process.
// (Apps never import each other; standalone is the composition root, and test/static
// checks that it imports only each app's *.module.ts and *.database.ts.)
import { ServiceDatabase } from '@xingfu/database';
import { Type } from '@nestjs/common';
import { applicationsDatabase } from '../../applications/src/applications.database';
import { ApplicationsModule } from '../../applications/src/applications.module';
import { guaranteesDatabase } from '../../guarantees/src/guarantees.database';
import { GuaranteesModule } from '../../guarantees/src/guarantees.module';
import { identityDatabase } from '../../identity/src/identity.database';
import { IdentityModule } from '../../identity/src/identity.module';
import { loansDatabase } from '../../loans/src/loans.database';
import { LoansModule } from '../../loans/src/loans.module';
import { partnersDatabase } from '../../partners/src/partners.database';
import { PartnersModule } from '../../partners/src/partners.module';
import { remindersDatabase } from '../../reminders/src/reminders.database';
import { RemindersModule } from '../../reminders/src/reminders.module';
import { reportingDatabase } from '../../reporting/src/reporting.database';
import { ReportingModule } from '../../reporting/src/reporting.module';

export const ALL_SERVICES: { database: ServiceDatabase; module: Type<unknown> }[] = [
  { database: identityDatabase, module: IdentityModule },
  { database: applicationsDatabase, module: ApplicationsModule },
  { database: guaranteesDatabase, module: GuaranteesModule },
  { database: loansDatabase, module: LoansModule },
  { database: partnersDatabase, module: PartnersModule },
  { database: remindersDatabase, module: RemindersModule },
  { database: reportingDatabase, module: ReportingModule },
];

export function standaloneOptions(env: NodeJS.ProcessEnv = process.env) {
  return {
    services: ALL_SERVICES.map((s) => s.database),
    modules: ALL_SERVICES.map((s) => s.module),
    standalone: true,
    env,
  };
}
