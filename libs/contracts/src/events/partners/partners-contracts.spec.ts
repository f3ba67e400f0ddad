import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { payloadViolations } from '../../validate-payload';
import { BuybackExcessReturned } from '../loans/buyback-excess-returned.v1';
import { BuybackConfirmed } from './buyback-confirmed.v1';
import { BuybackDisputeSettled } from './buyback-dispute-settled.v1';
import { PartnerRegistered } from './partner-registered.v1';

const figures = { headCount: 10, totalWeightGrams: 152345, pricePerKgFen: 2800, marketReferencePerKgFen: 2900, grossFen: 426566, stockCostDeductionFen: 120000, loanWithheldFen: 200000, netPaidFen: 106566 };
const enrolment = () => ({ enrolmentId: randomUUID(), applicationId: randomUUID(), projectId: randomUUID(), partnerId: randomUUID(), townshipCode: '231085100' });

describe('partners contracts', () => {
  it('a confirmed buyback carries its final figures, and names a bad figure', () => {
    const confirmed = { ...enrolment(), buybackId: randomUUID(), boughtOn: '2027-03-25', confirmedOn: '2027-03-26', figures };
    expect(BuybackConfirmed.producer).toBe('partners');
    expect(payloadViolations(BuybackConfirmed, confirmed)).toEqual([]);
    expect(payloadViolations(BuybackConfirmed, { ...confirmed, figures: { ...figures, grossFen: 1.5 } }).map((v) => v.path)).toEqual(['figures.grossFen']);
  });

  it('a settlement is upheld, corrected or voided', () => {
    const settled = { ...enrolment(), buybackId: randomUUID(), outcome: 'upheld', reason: '复称无误', settledOn: '2027-03-28', figures };
    expect(payloadViolations(BuybackDisputeSettled, settled)).toEqual([]);
    expect(payloadViolations(BuybackDisputeSettled, { ...settled, outcome: 'split' }).map((v) => v.path)).toEqual(['outcome']);
  });

  it('a partner’s credit code is optional but, given, is 18 characters of the standard’s set', () => {
    const registered = { partnerId: randomUUID(), name: '巴马香猪公司', type: 'company', countyCode: '231085', creditCode: '91350100M000100Y43', registeredOn: '2026-11-22' };
    expect(payloadViolations(PartnerRegistered, registered)).toEqual([]);
    const { creditCode: _none, ...leadFarmer } = registered;
    expect(payloadViolations(PartnerRegistered, { ...leadFarmer, type: 'lead_farmer' })).toEqual([]);
    expect(payloadViolations(PartnerRegistered, { ...registered, creditCode: '91350100M000100I43' }).map((v) => v.path)).toEqual(['creditCode']);
  });

  it('an excess returned is produced by loans and is never zero', () => {
    const returned = { loanId: randomUUID(), applicationId: randomUUID(), projectId: randomUUID(), buybackId: randomUUID(), buybackEventId: randomUUID(), withheldFen: 200000, postedFen: 150000, returnedFen: 50000, returnedOn: '2027-03-26' };
    expect(BuybackExcessReturned.producer).toBe('loans');
    expect(payloadViolations(BuybackExcessReturned, returned)).toEqual([]);
    expect(payloadViolations(BuybackExcessReturned, { ...returned, returnedFen: 0 }).map((v) => v.path)).toEqual(['returnedFen']);
  });
});
