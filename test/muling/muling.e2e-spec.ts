import { ManualClock } from '@xingfu/common';
import { createTestDatabase, dropTestDatabase } from '@xingfu/testing';
import { login, newUser, startStandalone } from '../support/standalone-app';
import { mulingGuarantees } from './guarantees.steps';
import { mulingIntake } from './intake.steps';
import { mulingLoans } from './loans.steps';
import { mulingReporting } from './reporting.steps';
import { MULING_COUNTY, TOWNSHIPS } from './muling-fixtures';
import { MulingWorld } from './muling-world';

/**
 * The Muling (穆棱市) scenario of the seed, end to end over HTTP in standalone mode, one stage
 * after another on the same data: the intake (164 surveys → 86 approvals), the three-party
 * guarantee of every approved mother, then the loans: the fund, agreements, disbursements,
 * a year of repayments (some late, a few defaults paid by guarantors) with the reminders it
 * causes, then the foundation's reports and dashboard.
 */
describe.each([
  { transport: 'in-process', kafka: false },
  // Over Kafka the go-mokapi broker checks every event against docs/asyncapi.yaml: one that
  // broke its contract would be rejected and end `failed`, and the final checks would fail.
  { transport: 'kafka', kafka: true },
])('Muling (standalone, over HTTP, events $transport)', ({ kafka }) => {
  let databaseUrl: string;
  const world = { clock: new ManualClock('2026-11-10'), kafka } as MulingWorld;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('muling');
    world.app = await startStandalone(databaseUrl, { clock: world.clock, kafka });
    const admin = await login(world.app, 'admin', 'admin-password-for-tests');
    const officers: Record<string, string> = {};
    for (const township of TOWNSHIPS) officers[township] = await newUser(world.app, admin, { role: 'officer', townships: [township] });
    world.tokens = {
      officers,
      admin,
      manager: await newUser(world.app, admin, { role: 'project_manager', counties: [MULING_COUNTY] }),
      secondManager: await newUser(world.app, admin, { role: 'project_manager', counties: [MULING_COUNTY] }),
      foundation: await newUser(world.app, admin, { role: 'foundation' }),
    };
  });

  afterAll(async () => {
    await world.app?.close();
    await dropTestDatabase(databaseUrl);
  });

  it('takes 164 surveys to 86 approvals with the seed’s mix of models', () => mulingIntake(world));

  it('gives every approved mother a household guarantor and three signatures: declines replaced, one household at its limit, all effective', () => mulingGuarantees(world));

  it('lends from an 800,000-yuan fund, collects a year of repayments (late ones, defaults paid by guarantors, one written off) and ends with the fund identity to the fen', () => mulingLoans(world), 300_000);

  it('reports what the loans service itself counts, to the fen, and the dashboard shows the reports', () => mulingReporting(world), 180_000);
});
