import { ProjectModel, townshipOfVillage } from '@xingfu/kernel';
import { impossibleRecordDate } from '../../domain/date-rules';
import { collectProblems, FieldProblems } from '@xingfu/kernel';
import { hasPartner } from '../../domain/project-model';

/** The facts of a survey that must agree with each other and with the calendar. */
export interface SurveyFacts {
  townshipCode: string;
  villageCode: string;
  surveyDate: string;
  /** From her ID number. */
  birthDate: string;
  householdSize: number;
  labourers: number;
  model: ProjectModel;
  partnerId?: string;
}

/** What does not hold together in a survey, by the request's field paths; empty when it does. */
export function surveyProblems(s: SurveyFacts, today: string): FieldProblems {
  const { problems, add } = collectProblems();
  if (townshipOfVillage(s.villageCode) !== s.townshipCode) add('mother.address.villageCode', 'the village is not in the township');
  const surveyDate = impossibleRecordDate(s.surveyDate, today);
  if (surveyDate) add('surveyDate', surveyDate);
  // A mistyped ID number can still carry a real date and a good check digit; her age on the survey date would make no sense.
  if (s.birthDate > s.surveyDate) add('mother.idNumber', `the birth date it carries (${s.birthDate}) is after the survey date`);
  if (s.labourers > s.householdSize) add('household.labourers', 'more labourers than household members');
  if (s.partnerId && !hasPartner(s.model)) add('project.partnerId', `a ${s.model} project has no partner`);
  return problems;
}
