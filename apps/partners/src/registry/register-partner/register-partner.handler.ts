import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@xingfu/common';
import { PartnerRegistered } from '@xingfu/contracts';
import { collectProblems, DomainError, hasProblems, validationFailed } from '@xingfu/kernel';
import { UnitOfWork } from '@xingfu/kit';
import { creditCodeProblem } from '../../domain/credit-code';
import { PartnerRow } from '../../shared/partner.rows';
import { presentPartner } from '../partner-view';
import { RegisterPartnerCommand } from './register-partner.command';

@CommandHandler(RegisterPartnerCommand)
export class RegisterPartnerHandler implements ICommandHandler<RegisterPartnerCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute({ fields: input, context }: RegisterPartnerCommand) {
    return this.uow.run(context, async (work) => {
      const { problems, add } = collectProblems();
      const creditCode = input.creditCode?.trim();
      if (input.type === 'company' && !creditCode) add('creditCode', 'a company gives its unified social credit code');
      const codeProblem = creditCode ? creditCodeProblem(creditCode) : undefined;
      if (codeProblem) add('creditCode', codeProblem);
      if (work.user?.role === 'project_manager' && !work.user.counties.includes(input.countyCode)) add('countyCode', `a project manager registers partners of their own counties (${work.user.counties.join(', ')})`);
      if (hasProblems(problems)) throw validationFailed(problems);

      const id = randomUUID();
      const registeredOn = this.clock.today();
      const [row]: PartnerRow[] = await work.manager.query(
        `INSERT INTO partners.partners (id, name, type, county_code, contact_name, contact_phone, credit_code, registered_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (credit_code) DO NOTHING RETURNING *`,
        [id, input.name.trim(), input.type, input.countyCode, input.contactName.trim(), input.contactPhone, creditCode ?? null, registeredOn],
      );
      if (!row) throw new DomainError('conflict', 'credit_code_taken', `a partner with the credit code ${creditCode} is registered already`, { creditCode });
      await work.outbox.append(PartnerRegistered, id, {
        partnerId: id,
        name: row.name,
        type: input.type,
        countyCode: input.countyCode,
        ...(creditCode ? { creditCode } : {}),
        registeredOn,
      });
      return presentPartner(row, []);
    });
  }
}
