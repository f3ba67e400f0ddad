import { randomInt } from 'node:crypto';
import { makeResidentId } from '@xingfu/common';

/**
 * A valid resident ID number; without a birth date, one between 1970 and 1999 at random, so
 * that numbers made in one test run do not collide (11 million combinations).
 */
export function newResidentId(regionCode = '231085', birthDate = randomBirthDate()): string {
  return makeResidentId(regionCode, birthDate, String(randomInt(0, 1000)).padStart(3, '0'));
}

function randomBirthDate(): string {
  const day = new Date(Date.UTC(1970, 0, 1) + randomInt(0, 30 * 365) * 86_400_000);
  return day.toISOString().slice(0, 10).replace(/-/g, '');
}

let townshipSeq = randomInt(100, 900);
const fileCounty = `2${randomInt(10000, 99999)}`;
/** A township code of its own for one test, so counts never mix between tests sharing a broker. */
export function newTownshipCode(county = fileCounty): string {
  townshipSeq = (townshipSeq + 1) % 1000;
  return `${county}${String(townshipSeq).padStart(3, '0')}`;
}

/**
 * A whole resident ID number standing alone in a response (what a masked answer must never
 * hold). Digits inside a longer hex string are not one: a 64-hex lookup hash now and then holds
 * 18 digits in a row.
 */
export const FULL_ID_NUMBER = /(?<![0-9a-fA-F])\d{17}[\dX](?![0-9a-fA-F])/;
