import { addDays } from '@xingfu/common';
import { AuthUser } from '@xingfu/kernel';
import { newResidentId, newTownshipCode, ServiceContext, ServiceContextOptions } from '@xingfu/testing';
import { applicationsDatabase } from '../../apps/applications/src/applications.database';
import { ApplicationsModule } from '../../apps/applications/src/applications.module';
import { AssessCreditCommand } from '../../apps/applications/src/credit/assess-credit/assess-credit.command';
import { ApproveApplicationCommand } from '../../apps/applications/src/lifecycle/approve-application/approve-application.command';
import { RecordHomeVisitCommand } from '../../apps/applications/src/lifecycle/record-home-visit/record-home-visit.command';
import { ClosePublicNoticeCommand } from '../../apps/applications/src/notices/close-public-notice/close-public-notice.command';
import { OpenPublicNoticeCommand } from '../../apps/applications/src/notices/open-public-notice/open-public-notice.command';
import { RegisterProjectCommand } from '../../apps/applications/src/projects/register-project/register-project.command';
import { ScreenApplicationCommand } from '../../apps/applications/src/screening/screen-application/screen-application.command';
import { SubmitApplicationCommand } from '../../apps/applications/src/submit-application/submit-application.command';
import { MULING_POLICY, PLAIN_APPROVAL, surveyBody, SurveyOverrides } from '../support/intake';

export interface Intake {
  applicationId: string;
  projectId: string;
  villageCode: string;
  /** Who surveyed her (the officer) and who approved (a manager of the county who did not submit it). */
  officer: AuthUser;
  manager: AuthUser;
}

export interface InNotice extends Intake {
  noticeId: string;
  endDate: string;
}

/**
 * The applications service on the middle tier: ApplicationsModule alone, with builders that go
 * through its commands (never HTTP, never SQL), as its users would: one township of one county,
 * an officer of it and the county's project manager.
 */
export class ApplicationsContext extends ServiceContext {
  readonly township = newTownshipCode();
  readonly county = this.township.slice(0, 6);
  readonly officer = this.user('officer', { townships: [this.township] });
  readonly manager = this.user('project_manager', { counties: [this.county] });
  private village = 100;

  static override async start(options: Partial<ServiceContextOptions> = {}): Promise<ApplicationsContext> {
    return new ApplicationsContext(await ServiceContext.boot({ label: 'service', services: [applicationsDatabase], modules: [ApplicationsModule], ...options }));
  }

  newVillage(): string {
    return `${this.township}${String(++this.village).padStart(3, '0')}`;
  }

  /** A project of the county with the Muling policy, registered by its project manager. */
  async newProject(overrides: { publicNoticeDays?: number } = {}): Promise<string> {
    const { aidStandard, loanPolicy, creditGrades, creditWeights, publicNoticeDays } = MULING_POLICY;
    const fields = {
      name: `测试项目 ${this.county}`,
      countyCode: this.county,
      aidStandard,
      loanPolicy,
      creditGrades,
      creditWeights,
      publicNoticeDays: overrides.publicNoticeDays ?? publicNoticeDays,
    } as RegisterProjectCommand['fields'];
    const project = await this.execute<{ id: string }>(new RegisterProjectCommand(fields, this.as(this.manager)));
    return project.id;
  }

  /** A survey, home visit and screening that found her eligible. */
  async newEligibleApplication(o: SurveyOverrides & { projectId?: string } = {}): Promise<Intake> {
    const projectId = o.projectId ?? (await this.newProject());
    const villageCode = o.villageCode ?? this.newVillage();
    const survey = surveyBody(projectId, this.township, { idNumber: newResidentId(this.county), surveyDate: this.clock.today(), ...o, villageCode });
    const submitted = await this.execute<{ id: string }>(new SubmitApplicationCommand(survey as SubmitApplicationCommand['fields'], this.as(this.officer)));
    const applicationId = submitted.id;
    await this.execute(new RecordHomeVisitCommand({ applicationId, visitedOn: survey.surveyDate, findings: '属实', verified: true }, this.as(this.officer)));
    const screened = await this.execute<{ eligible: boolean; checks: unknown }>(new ScreenApplicationCommand({ applicationId }, this.as(this.officer)));
    if (!screened.eligible) throw new Error(`screening found her ineligible: ${JSON.stringify(screened.checks)}`);
    return { applicationId, projectId, villageCode, officer: this.officer, manager: this.manager };
  }

  /** Eligible, and on her village's public notice, opened today. */
  async newApplicationInNotice(o: SurveyOverrides & { projectId?: string } = {}): Promise<InNotice> {
    const intake = await this.newEligibleApplication(o);
    const notice = await this.execute<{ id: string; endDate: string }>(
      new OpenPublicNoticeCommand({ villageCode: intake.villageCode, applicationIds: [intake.applicationId], startDate: this.clock.today() }, this.as(this.officer)),
    );
    return { ...intake, noticeId: notice.id, endDate: notice.endDate };
  }

  /**
   * Survey → home visit → screening → notice → close (the clock moved past its last day, and back)
   * → credit → approval by the county's manager, who did not submit it.
   */
  async newApprovedApplication(o: SurveyOverrides & { projectId?: string } = {}): Promise<InNotice> {
    const intake = await this.newApplicationInNotice(o);
    const back = this.clock.now();
    this.clock.set(addDays(intake.endDate, 1));
    try {
      await this.execute(new ClosePublicNoticeCommand({ noticeId: intake.noticeId, closedBy: 'manual' }, this.as(this.officer)));
    } finally {
      this.clock.set(back);
    }
    const { applicationId } = intake;
    await this.execute(
      new AssessCreditCommand({ applicationId, components: { honesty: 90, labour: 80, income: 50 }, evidence: '村民会议评议' }, this.as(this.officer)),
    );
    await this.execute(new ApproveApplicationCommand({ applicationId, ...PLAIN_APPROVAL } as ApproveApplicationCommand['fields'], this.as(this.manager)));
    return intake;
  }
}
