import { DisbursementMode, maskName, personNameKey } from '@xingfu/kernel';
import { cardNumberProblem } from '../../domain/card-number';

export interface DisbursementParts {
  cash?: { amountFen: number; cardNumber: string; cardHolderName: string };
  inKind?: { partnerId: string; items: readonly { valueFen: number }[]; valueFen: number };
}

export interface LoanToPay {
  amountFen: number;
  disbursementMode: DisbursementMode;
  partnerId: string | null;
  motherNameMasked: string;
  /** The keyed hash of her name (personNameKey), from ApplicationApproved; null on a loan opened from an older event. */
  motherNameHash: string | null;
}

/**
 * What is wrong with the parts of a disbursement, by field: they must fit the loan's mode (cash,
 * in kind, or both), add up to the approved amount exactly, pay cash only to a valid card in her
 * name, and take inputs only from the loan's partner.
 *
 * Her name: loans never holds it. ApplicationApproved carries its keyed hash, and the name on the
 * card must hash the same (`hashName` is the PII lookup hash). A loan opened from an event without
 * the hash falls back to her masked name (王*梅): same length, first and last character, which a
 * relative's card differing only in the middle character would pass.
 */
export function disbursementProblems(loan: LoanToPay, parts: DisbursementParts, add: (field: string, message: string) => void, hashName: (key: string) => string): void {
  const { cash, inKind } = parts;
  const wantsCash = loan.disbursementMode !== 'in_kind';
  const wantsInKind = loan.disbursementMode !== 'cash';
  if (wantsCash && !cash) add('cash', `a ${loan.disbursementMode} loan needs a cash part`);
  if (!wantsCash && cash) add('cash', 'this loan is paid in kind only: no cash part');
  if (wantsInKind && !inKind) add('inKind', `a ${loan.disbursementMode} loan needs an in-kind part`);
  if (!wantsInKind && inKind) add('inKind', 'this loan is paid in cash only: no in-kind part');

  if (cash) {
    const problem = cardNumberProblem(cash.cardNumber);
    if (problem) add('cash.cardNumber', problem);
    const inHerName = loan.motherNameHash ? hashName(personNameKey(cash.cardHolderName)) === loan.motherNameHash : maskName(cash.cardHolderName) === loan.motherNameMasked;
    if (!inHerName) add('cash.cardHolderName', `the card must be in the mother's own name (${loan.motherNameMasked})`);
  }
  if (inKind) {
    const items = inKind.items.reduce((sum, item) => sum + item.valueFen, 0);
    if (items !== inKind.valueFen) add('inKind.valueFen', `the items are worth ${items} fen, not ${inKind.valueFen} fen`);
    if (loan.partnerId && inKind.partnerId !== loan.partnerId) add('inKind.partnerId', `the inputs come from the loan's partner ${loan.partnerId}`);
  }
  const total = (cash?.amountFen ?? 0) + (inKind?.valueFen ?? 0);
  if ((cash || inKind) && total !== loan.amountFen) {
    const difference = loan.amountFen - total;
    add('amountFen', `the parts add up to ${total} fen, not the approved ${loan.amountFen} fen: ${difference > 0 ? `${difference} fen short` : `${-difference} fen over`}`);
  }
}
