import { EnrolmentRow } from '../shared/partner.rows';

/** The fields every enrolment event carries. */
export const enrolmentFields = (e: EnrolmentRow) => ({
  enrolmentId: e.id,
  applicationId: e.application_id,
  projectId: e.project_id,
  partnerId: e.partner_id,
  townshipCode: e.township_code,
});
