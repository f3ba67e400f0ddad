/** What a waiting event waits for (reminders.waiting_events.waits_for): one spelling each, shared by who parks and who releases. */
export const waitingForApplication = (applicationId: string) => `application:${applicationId}`;
export const waitingForLoan = (loanId: string) => `loan:${loanId}`;
export const waitingForSchedule = (loanId: string, scheduleVersion: number) => `schedule:${loanId}.v${scheduleVersion}`;
export const waitingForGuarantee = (guaranteeId: string) => `guarantee:${guaranteeId}`;
export const waitingForNotice = (noticeId: string) => `notice:${noticeId}`;
export const waitingForEnrolment = (enrolmentId: string) => `enrolment:${enrolmentId}`;
