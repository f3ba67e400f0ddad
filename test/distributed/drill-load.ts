import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { newResidentId } from '@xingfu/testing';
import { surveyBody } from '../support/intake';
import { Cohort, LENDING_DAY, LOAN_FEN } from './drill-cohort';
import { Answer, DrillApi } from './drill-http';

/** Between one worker's requests: the load lasts through every fault without filling the two cores. */
const SURVEY_WORKERS = 2;
const SURVEY_PAUSE_MS = 150;
const REPAYMENT_WORKERS = 3;
const REPAYMENT_PAUSE_MS = 100;
/** The approvals are few: spread over the faults so that some land while each service is down. */
const APPROVAL_PAUSE_MS = 5_000;
const DELIVERY_PAUSE_MS = 600;
const LOGIN_PAUSE_MS = 1_000;
const MAX_SURVEYS = 1500;

export interface AcknowledgedRepayment {
  id: string;
  loanId: string;
  amountFen: number;
}

/**
 * A repayment's size on a loan: from about 20 postings to repay it up to about 330, odd amounts
 * (a fen lost or doubled shows in every sum), so loans end repaid at different times during the
 * faults and the rest keep being paid to the end.
 */
export const repaymentFenOf = (loanIndex: number) => Math.floor(LOAN_FEN / (20 + 28 * loanIndex)) + 7;

/**
 * The drill's load: every request carries an Idempotency-Key and is sent again with the same key
 * until it is acknowledged (a process killed before or after its commit, one not up yet, one
 * draining, the key still in flight in a process that died), so each acknowledged write happened
 * exactly once: the checks can demand exact equality.
 *  - surveys (applications; reporting counts them);
 *  - approvals of the cohort's waiting mothers (applications → guarantees, loans, partners, reminders, reporting);
 *  - repayments on the cohort's loans (loans → guarantees, partners, reminders, reporting; a loan repaid → applications);
 *  - deliveries of inputs by the company (partners → reminders);
 *  - logins (identity).
 */
export class DrillLoad {
  readonly surveys = new Map<string, string>(); // idempotency key -> application id
  readonly approvals = new Set<string>();
  readonly repayments = new Map<string, AcknowledgedRepayment>();
  /** Idempotency key -> enrolment: the key is in the delivery's items, so the stored row names its request. */
  readonly deliveries = new Map<string, string>();
  logins = 0;
  attempts = 0;
  retried = 0;
  readonly unexpected: string[] = [];
  private loading = true;
  /** Given up (the drill failed): every worker stops at once, acknowledged or not. */
  private abandoned = false;
  private running?: Promise<unknown>;
  private readonly mothers = new Set<string>();

  constructor(
    private readonly api: DrillApi,
    private readonly cohort: Cohort,
  ) {}

  start(): void {
    this.running = Promise.all([
      ...Array.from({ length: SURVEY_WORKERS }, () => this.surveyWorker()),
      ...Array.from({ length: REPAYMENT_WORKERS }, (_, w) => this.repaymentWorker(w)),
      this.approvalWorker(),
      this.deliveryWorker(),
      this.loginWorker(),
    ]);
  }

  async stop(): Promise<void> {
    this.loading = false;
    await this.running;
  }

  /** Stops every worker now, even one resending to a service that will not come back. */
  async abandon(): Promise<void> {
    this.abandoned = true;
    await this.stop();
  }

  /** Repaid in full by what was acknowledged (no fee: the policy is interest-free). */
  repaidLoans(): string[] {
    return this.cohort.lent.filter((l) => this.repaidFenOf(l.loanId) === LOAN_FEN).map((l) => l.loanId);
  }

  repaidFenOf(loanId: string): number {
    let sum = 0;
    for (const r of this.repayments.values()) if (r.loanId === loanId) sum += r.amountFen;
    return sum;
  }

  /** Sends until acknowledged with `ok`; undefined when the answer was another (recorded as unexpected) or the load stopped first. */
  private async untilAcknowledged(what: string, send: () => Promise<Answer>, ok: number): Promise<Answer | undefined> {
    for (;;) {
      if (this.abandoned) return undefined;
      this.attempts++;
      const answer = await send();
      if (answer.status === ok) return answer;
      // Down, restarting, draining, or the same key still in flight in a process that died: again, same key.
      if (answer.status === 0 || answer.status === 502 || answer.status === 503 || answer.body?.code === 'idempotency_key_in_use') {
        this.retried++;
        await sleep(200);
        continue;
      }
      this.unexpected.push(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return undefined;
    }
  }

  private newMother(): string {
    for (;;) {
      const id = newResidentId(this.cohort.county);
      if (!this.mothers.has(id)) return this.mothers.add(id), id;
    }
  }

  private async surveyWorker(): Promise<void> {
    const { projectId, township, tokens } = this.cohort;
    while (this.loading && this.surveys.size + SURVEY_WORKERS <= MAX_SURVEYS) {
      const key = randomUUID();
      // Villages of their own (3xx): the cohort's notices (2xx) never meet them.
      const body = surveyBody(projectId, township, { idNumber: this.newMother(), villageCode: `${township}3${String(this.surveys.size % 50).padStart(2, '0')}` });
      const answer = await this.untilAcknowledged('survey', () => this.api.send('applications', 'POST', '/applications', tokens.officer, body, { 'idempotency-key': key }), 201);
      if (answer) this.surveys.set(key, answer.body.id);
      await sleep(SURVEY_PAUSE_MS);
    }
  }

  /** Worker w pays the loans w, w + REPAYMENT_WORKERS, … in turn, never more than is left on one. */
  private async repaymentWorker(w: number): Promise<void> {
    const mine = this.cohort.lent.filter((l) => l.index % REPAYMENT_WORKERS === w);
    for (let turn = 0; this.loading; turn++) {
      const open = mine.filter((l) => this.repaidFenOf(l.loanId) < LOAN_FEN);
      if (!open.length) return;
      const loan = open[turn % open.length];
      const amountFen = Math.min(repaymentFenOf(loan.index), LOAN_FEN - this.repaidFenOf(loan.loanId));
      const key = randomUUID();
      const body = { amountFen, paidOn: LENDING_DAY, source: 'cash', reference: `演练收据 ${key.slice(0, 8)}` };
      const answer = await this.untilAcknowledged(
        'repayment',
        () => this.api.send('loans', 'POST', `/loans/${loan.loanId}/repayments`, this.cohort.tokens.officer, body, { 'idempotency-key': key }),
        201,
      );
      if (answer) this.repayments.set(key, { id: answer.body.id, loanId: loan.loanId, amountFen });
      await sleep(REPAYMENT_PAUSE_MS);
    }
  }

  /**
   * Every waiting mother is approved, the last ones after the faults if the faults were over
   * sooner than the approvals' pace (a quiet machine): the checks count all of them.
   */
  private async approvalWorker(): Promise<void> {
    for (const applicationId of this.cohort.toApprove) {
      if (this.abandoned) return;
      const key = randomUUID();
      const answer = await this.untilAcknowledged(
        'approval',
        () => this.api.send('applications', 'POST', `/applications/${applicationId}/approval`, this.cohort.tokens.manager, this.cohort.plan, { 'idempotency-key': key }),
        201,
      );
      if (answer) this.approvals.add(applicationId);
      if (this.loading) await sleep(APPROVAL_PAUSE_MS);
    }
  }

  private async deliveryWorker(): Promise<void> {
    for (let turn = 0; this.loading; turn++) {
      const enrolment = this.cohort.lent[turn % this.cohort.lent.length].enrolmentId;
      const key = randomUUID();
      const body = { items: `饲料 ${key}`, quantity: 1 + (turn % 3), unitCostFen: 1999, deliveredOn: LENDING_DAY };
      const answer = await this.untilAcknowledged(
        'delivery',
        () => this.api.send('partners', 'POST', `/enrolments/${enrolment}/deliveries`, this.cohort.tokens.partner, body, { 'idempotency-key': key }),
        201,
      );
      if (answer) this.deliveries.set(key, enrolment);
      await sleep(DELIVERY_PAUSE_MS);
    }
  }

  /** A token is not a write: retried until identity answers, and counted. */
  private async loginWorker(): Promise<void> {
    while (this.loading) {
      const answer = await this.untilAcknowledged('login', () => this.api.send('identity', 'GET', '/users/me', this.cohort.tokens.officer), 200);
      if (answer) this.logins++;
      await sleep(LOGIN_PAUSE_MS);
    }
  }
}
