import { actingUser } from '@xingfu/kernel';
import { randomUUID } from 'node:crypto';
import { queryPipelined } from '@xingfu/database';
import { UnitOfWork } from '@xingfu/kit';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertInScope, AuthUser, isInScope } from '@xingfu/auth';
import { ApplicationSubmitted, countyOfTownship } from '@xingfu/contracts';
import { Clock, DomainError, PiiCipher, ageOn, assertNoProblems, maskPhone, maskResidentId, parseResidentId, validationFailed } from '@xingfu/common';
import { BLOCKING_STATUSES } from '../domain/application-status';
import { ApplicationEntity } from '../shared/application.entity';
import { ApplicationLifecycle } from '../shared/application-lifecycle';
import { eventIdentityOf, presentApplication } from '../shared/application-view';
import { ProjectPolicyReader } from '../shared/project-policy.reader';
import { surveyProblems } from './domain/survey-rules';
import { SubmitApplicationCommand } from './submit-application.command';

@CommandHandler(SubmitApplicationCommand)
export class SubmitApplicationHandler implements ICommandHandler<SubmitApplicationCommand> {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: ApplicationLifecycle,
    private readonly policies: ProjectPolicyReader,
    private readonly clock: Clock,
    private readonly pii: PiiCipher,
  ) {}

  async execute({ fields: input, context }: SubmitApplicationCommand) {
    const user = actingUser(context);
    const { mother, household, project } = input;
    assertInScope(user, { townshipCode: mother.address.townshipCode }, 'township', mother.address.townshipCode);
    // The DTO has checked the number (IsResidentId), so this only decodes it.
    const identity = parseResidentId(mother.idNumber);
    assertNoProblems(
      surveyProblems(
        {
          townshipCode: mother.address.townshipCode,
          villageCode: mother.address.villageCode,
          surveyDate: input.surveyDate,
          birthDate: identity.birthDate,
          householdSize: household.size,
          labourers: household.labourers,
          model: project.model,
          partnerId: project.partnerId,
        },
        this.clock.today(),
      ),
    );
    const idNumberHash = this.pii.lookupHash(identity.normalized);

    return this.uow.run(context, async (work) => {
      const { manager } = work;
      // One round trip: the project, then the mother's lock, then her open case. The server runs
      // them in order and the last with a snapshot of its own, taken once the lock is granted, so
      // it sees a case another officer committed meanwhile, exactly as when sent one by one.
      const [projectRows, , [open]] = await queryPipelined(manager, [
        this.policies.projectStatement(manager, input.projectId),
        // Serialise submissions for one mother so two officers cannot both pass the check below.
        { sql: 'SELECT pg_advisory_xact_lock(hashtext($1))', params: [idNumberHash] },
        {
          sql: `SELECT id, status, township_code, county_code FROM applications.applications WHERE id_number_hash = $1 AND status = ANY($2) LIMIT 1`,
          params: [idNumberHash, BLOCKING_STATUSES],
        },
      ]);
      // A project outside the caller's scope is answered as an unknown one: 404, no hint that it exists.
      const countyProject = this.policies.projectFrom(manager, projectRows, input.projectId, user);
      if (countyProject.countyCode !== countyOfTownship(mother.address.townshipCode)) {
        throw validationFailed({ projectId: ['the project is not in the county of this township'] });
      }
      if (open) throw duplicateApplication(user, open as { id: string; status: string; township_code: string; county_code: string });
      const application = manager.create(ApplicationEntity, {
        id: randomUUID(),
        projectId: countyProject.id,
        countyCode: countyProject.countyCode,
        townshipCode: mother.address.townshipCode,
        villageCode: mother.address.villageCode,
        address: mother.address.detail.trim(),
        motherName: mother.name.trim(),
        idNumberSealed: this.pii.encrypt(identity.normalized),
        idNumberHash,
        idNumberMasked: maskResidentId(identity.normalized),
        birthDate: identity.birthDate,
        phoneSealed: this.pii.encrypt(mother.phone),
        phoneMasked: maskPhone(mother.phone),
        householdSize: household.size,
        labourers: household.labourers,
        annualIncomeFen: household.annualIncomeFen,
        familyPlanningStatus: household.familyPlanningStatus,
        povertyStatus: household.povertyStatus,
        debtsFen: household.debtsFen,
        industry: project.industry,
        projectDescription: project.description,
        requestedAmountFen: project.requestedAmountFen,
        model: project.model,
        partnerId: project.partnerId ?? null,
        surveyDate: input.surveyDate,
        submittedBy: user.id,
      });
      await this.lifecycle.start(work, application, { surveyDate: input.surveyDate });
      await work.outbox.append(ApplicationSubmitted, application.id, {
          ...eventIdentityOf(application),
          industry: application.industry,
          requestedAmountFen: application.requestedAmountFen,
          model: application.model,
          ...(application.partnerId ? { partnerId: application.partnerId } : {}),
          submittedOn: this.clock.today(),
        });
      return presentApplication(application, user, this.pii);
    });
  }
}

/**
 * The 409 of a mother who already has a case. Inside the caller's scope it names the case;
 * outside it, only the county to contact: an id or a status there would let any officer test
 * an ID number against every county.
 */
function duplicateApplication(user: AuthUser, open: { id: string; status: string; township_code: string; county_code: string }): DomainError {
  if (isInScope(user, { townshipCode: open.township_code, countyCode: open.county_code })) {
    return new DomainError('conflict', 'duplicate_application', 'This mother already has an open application or a loan not yet repaid.', {
      applicationId: open.id,
      status: open.status,
    });
  }
  return new DomainError(
    'conflict',
    'duplicate_application',
    `This mother has an open case or an unpaid loan elsewhere in the programme; contact the project office of county ${open.county_code}.`,
    { countyCode: open.county_code },
  );
}
