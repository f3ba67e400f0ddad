import { SurveyFacts, surveyProblems } from './survey-rules';

const survey = (o: Partial<SurveyFacts> = {}): SurveyFacts => ({
  townshipCode: '231085100',
  villageCode: '231085100201',
  surveyDate: '2026-11-20',
  birthDate: '1985-03-15',
  householdSize: 4,
  labourers: 2,
  model: 'self',
  ...o,
});
const today = '2026-11-22';

describe('survey rules', () => {
  it('find nothing wrong with a consistent survey', () => {
    expect(surveyProblems(survey(), today)).toEqual({});
    expect(surveyProblems(survey({ model: 'company', partnerId: 'bama' }), today)).toEqual({});
  });

  it('refuse a village of another township', () => {
    expect(surveyProblems(survey({ villageCode: '231085101201' }), today)).toEqual({ 'mother.address.villageCode': ['the village is not in the township'] });
  });

  it('refuse a survey dated after today', () => {
    expect(surveyProblems(survey({ surveyDate: '2026-11-23' }), today)).toEqual({ surveyDate: ['must not be after today (2026-11-22)'] });
  });

  it('refuse an ID number whose birth date is after the survey, on the idNumber field', () => {
    expect(surveyProblems(survey({ birthDate: '2026-11-21' }), today)).toEqual({
      'mother.idNumber': ['the birth date it carries (2026-11-21) is after the survey date'],
    });
    expect(surveyProblems(survey({ birthDate: '2026-11-20' }), today)).toEqual({});
  });

  it('refuse more labourers than members, and a partner on a self-run project', () => {
    expect(Object.keys(surveyProblems(survey({ labourers: 5, partnerId: 'x' }), today))).toEqual(['household.labourers', 'project.partnerId']);
  });
});
