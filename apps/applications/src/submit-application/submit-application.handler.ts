import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertInScope } from '@xingfu/auth';
import { ApplicationSubmitted, countyOfTownship, townshipOfVillage } from '@xingfu/contracts';
import { ageOn, Clock, DomainError, InvalidResidentIdError, maskPhone, maskResidentId, parseResidentId, PiiCipher } from '@xingfu/common';
import { OutboxWriter } from '@xingfu/messaging';
import { DataSource } from 'typeorm';
import { BLOCKING_STATUSES } from '../domain/application-status';
import { ApplicationEntity } from '../shared/application.entity';
import { eventIdentityOf, presentApplication } from '../shared/application-view';
import { eventContextOf } from '../shared/command-context';
import { ProjectEntity } from '../shared/project.entity';
import { SubmitApplicationCommand } from './submit-application.command';

const MODELS_WITH_PARTNER = ['company', 'lead_farmer', 'park'];

@CommandHandler(SubmitApplicationCommand)
export class SubmitApplicationHandler implements ICommandHandler<SubmitApplicationCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly pii: PiiCipher,
  ) {}

  async execute({ input, user }: SubmitApplicationCommand) {
    const { mother, household, project } = input;
    assertInScope(user, { townshipCode: mother.address.townshipCode }, 'township', mother.address.townshipCode);
    if (townshipOfVillage(mother.address.villageCode) !== mother.address.townshipCode) {
      throw invalid('mother.address.villageCode', 'the village is not in the township');
    }
    if (input.surveyDate > this.clock.today()) throw invalid('surveyDate', 'the survey date is in the future');
    if (household.labourers > household.size) throw invalid('household.labourers', 'more labourers than household members');
    if (project.partnerId && !MODELS_WITH_PARTNER.includes(project.model)) {
      throw invalid('project.partnerId', `a ${project.model} project has no partner`);
    }
    const identity = parseIdNumber(mother.idNumber);
    const idNumberHash = this.pii.lookupHash(identity.normalized);

    return this.dataSource.transaction(async (manager) => {
      const countyProject = await manager.findOne(ProjectEntity, { where: { id: input.projectId } });
      if (!countyProject) throw new DomainError('not_found', 'not_found', `project ${input.projectId} was not found`, { id: input.projectId });
      if (countyProject.countyCode !== countyOfTownship(mother.address.townshipCode)) {
        throw invalid('projectId', 'the project is not in the county of this township');
      }
      // Serialise submissions for one mother so two officers cannot both pass the check below.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [idNumberHash]);
      const [open] = await manager.query(
        `SELECT id, status FROM applications.applications WHERE id_number_hash = $1 AND status = ANY($2) LIMIT 1`,
        [idNumberHash, BLOCKING_STATUSES],
      );
      if (open) {
        throw new DomainError('conflict', 'duplicate_application', 'This mother already has an open application or a loan not yet repaid.', {
          applicationId: open.id,
          status: open.status,
        });
      }
      const application = manager.create(ApplicationEntity, {
        id: randomUUID(),
        projectId: countyProject.id,
        status: 'submitted',
        countyCode: countyProject.countyCode,
        townshipCode: mother.address.townshipCode,
        villageCode: mother.address.villageCode,
        address: mother.address.detail,
        motherName: mother.name,
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
      await manager.save(application);
      await manager.query(
        `INSERT INTO applications.application_history (application_id, step, from_status, to_status, actor, actor_role, details)
         VALUES ($1, 'survey', NULL, 'submitted', $2, $3, $4)`,
        [application.id, eventContextOf(user).actor, user.role, JSON.stringify({ surveyDate: input.surveyDate })],
      );
      await this.outbox.append(manager, ApplicationSubmitted, {
        aggregateId: application.id,
        payload: {
          ...eventIdentityOf(application),
          industry: application.industry,
          requestedAmountFen: application.requestedAmountFen,
          model: application.model,
          ...(application.partnerId ? { partnerId: application.partnerId } : {}),
          submittedOn: this.clock.today(),
        },
        context: eventContextOf(user),
      });
      return { ...presentApplication(application, user, this.pii), age: ageOn(identity.birthDate, input.surveyDate) };
    });
  }
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('invalid', 'validation_failed', `${field}: ${message}`, { [field]: [message] });
}

function parseIdNumber(idNumber: string) {
  try {
    return parseResidentId(idNumber);
  } catch (error) {
    if (error instanceof InvalidResidentIdError) throw invalid('mother.idNumber', error.message);
    throw error;
  }
}

