import { addDays, ageOn, residentIdCheckDigit } from '@xingfu/common';
import { newResidentId, newTownshipCode } from '@xingfu/testing';
import { seedProject } from '../support/intake';
import { useIntakeContext } from '../support/intake-context';

/**
 * Issue 7's personal-data faults, tried as an outsider would: rebuild a mother's ID number from
 * what the API gives a role, probe an ID number against other counties, and tell another
 * county's project from an unknown one.
 */

/** Every string and number anywhere in the answers, with the key it was under. */
function leaves(value: unknown, key = '', out: { key: string; value: string | number }[] = []) {
  if (Array.isArray(value)) value.forEach((v) => leaves(v, key, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => leaves(v, k, out));
  else if (typeof value === 'string' || typeof value === 'number') out.push({ key, value });
  return out;
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/**
 * What a determined caller can do with the answers: the region from any county, township or
 * village code seen, the birth date from any date seen, or every date that fits an age seen
 * against any date seen, and the last four digits from the masked number; the check digit
 * then confirms a candidate. Rebuilt means exactly one candidate is left and it is the number.
 */
function rebuild(answers: unknown[], truth: string): boolean {
  const all = leaves(answers);
  const strings = all.map((l) => String(l.value));
  if (strings.includes(truth)) return true;
  const masked = strings.find((s) => /^\d{4}\*+\d{3}[\dX]$/.test(s) && s.startsWith(truth.slice(0, 4)) && s.endsWith(truth.slice(-4)));
  if (!masked) return false;
  const regions = new Set(strings.filter((s) => /^\d{6}(\d{3})?(\d{3})?$/.test(s)).map((s) => s.slice(0, 6)).filter((r) => r.startsWith(masked.slice(0, 4))));
  const dates = new Set(strings.filter(isDate));
  const births = new Set([...dates].map((d) => d.replace(/-/g, '')));
  const ages = all.filter((l) => /age/i.test(l.key) && typeof l.value === 'number').map((l) => l.value as number);
  for (const age of ages) {
    for (const on of dates) {
      // Every birth date that gives this age on that date: about a year of candidates.
      for (let d = addDays(on, -(age + 1) * 366); d <= addDays(on, -age * 365); d = addDays(d, 1)) {
        if (ageOn(d, on) === age) births.add(d.replace(/-/g, ''));
      }
    }
  }
  const last4 = masked.slice(-4);
  const candidates = new Set<string>();
  for (const region of regions) {
    for (const birth of births) {
      const first17 = `${region}${birth}${last4.slice(0, 3)}`;
      if (residentIdCheckDigit(first17) === last4[3]) candidates.add(`${first17}${last4[3]}`);
    }
  }
  return candidates.size === 1 && candidates.has(truth);
}

describe('applications: personal data as each role sees it', () => {
  const ctx = useIntakeContext({ label: 'personaldata', today: '2026-11-22' });
  const { as } = ctx;

  it('lets no role that sees the masked ID rebuild it from the fields beside it; those allowed the number see it', async () => {
    const idNumber = newResidentId(ctx.county);
    const survey = ctx.build.survey({ idNumber });
    const submitted = await as(ctx.officer).post('/applications', survey).expect(201);
    const id = submitted.body.id as string;
    await as(ctx.officer).post(`/applications/${id}/home-visits`, { visitedOn: survey.surveyDate, findings: '属实', verified: true }).expect(201);
    const screened = await as(ctx.officer).post(`/applications/${id}/screening`).expect(201);
    const notice = await as(ctx.officer).post('/public-notices', { villageCode: survey.mother.address.villageCode, applicationIds: [id], startDate: ctx.clock.today() }).expect(201);

    const admin = await ctx.app.tokenFor('admin');
    const partner = await ctx.app.tokenFor('partner', { partnerId: '6f1d4a6e-0000-4000-8000-000000000001' });
    const answersOf = async (token: string) => [
      (await as(token).get(`/applications/${id}`)).body,
      (await as(token).get(`/applications?townshipCode=${ctx.township}`)).body,
      (await as(token).get(`/public-notices/${notice.body.id}`)).body,
    ];
    const officerAnswers = [submitted.body, screened.body, notice.body, ...(await answersOf(ctx.officer))];

    // Sanity: the rebuilder does rebuild when the birth date sits beside the masked number.
    expect(rebuild([{ idNumber: submitted.body.mother.idNumber, birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`, countyCode: ctx.county }], idNumber)).toBe(true);

    expect(submitted.body.mother.idNumber).toMatch(/\*/);
    expect(submitted.body.mother.birthDate).toBeUndefined();
    expect(submitted.body.mother.ageAtSurvey).toBe(ageOn(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`, survey.surveyDate));
    expect(rebuild(officerAnswers, idNumber)).toBe(false);
    expect(rebuild(await answersOf(admin), idNumber)).toBe(false);
    expect(rebuild(await answersOf(partner), idNumber)).toBe(false);
    // Project managers and the foundation are allowed the number itself.
    expect(rebuild(await answersOf(ctx.manager), idNumber)).toBe(true);
    expect(rebuild(await answersOf(ctx.foundation), idNumber)).toBe(true);
    expect((await as(ctx.manager).get(`/applications/${id}`)).body.mother.birthDate).toBe(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`);
  });

  it('answers a duplicate survey from another county with the county to contact only: no id, no status', async () => {
    const idNumber = newResidentId(ctx.county);
    const first = await as(ctx.officer).post('/applications', ctx.build.survey({ idNumber })).expect(201);

    const inScope = await as(ctx.officer).post('/applications', ctx.build.survey({ idNumber })).expect(409);
    expect(inScope.body.details).toEqual({ applicationId: first.body.id, status: 'submitted' });

    const elsewhere = newTownshipCode(`3${ctx.county.slice(1)}`);
    const elsewhereProject = await seedProject(ctx.app.dataSource, elsewhere.slice(0, 6));
    const outsider = await ctx.app.tokenFor('officer', { townships: [elsewhere] });
    const survey = { ...ctx.build.survey({ idNumber }), projectId: elsewhereProject };
    survey.mother.address = { ...survey.mother.address, townshipCode: elsewhere, villageCode: `${elsewhere}001` };
    const refused = await as(outsider).post('/applications', survey).expect(409);
    expect(refused.body).toEqual({
      code: 'duplicate_application',
      message: expect.stringContaining(ctx.county),
      details: { countyCode: ctx.county },
    });
    expect(JSON.stringify(refused.body)).not.toContain(first.body.id);
    expect(JSON.stringify(refused.body)).not.toContain('submitted');
  });

  it('answers a project of another county exactly as an unknown project: 404', async () => {
    const otherCounty = `4${ctx.county.slice(1)}`;
    const otherProject = await seedProject(ctx.app.dataSource, otherCounty);
    const unknown = '5a0e8c1b-0000-4000-8000-000000000099';
    const theirs = await as(ctx.officer).post('/applications', { ...ctx.build.survey(), projectId: otherProject }).expect(404);
    const none = await as(ctx.officer).post('/applications', { ...ctx.build.survey(), projectId: unknown }).expect(404);
    expect(theirs.body.code).toBe(none.body.code);
    expect(theirs.body.message.replace(otherProject, 'ID')).toBe(none.body.message.replace(unknown, 'ID'));
    expect(JSON.stringify(theirs.body)).not.toContain(otherCounty);
  });
});
