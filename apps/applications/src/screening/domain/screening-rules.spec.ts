import { AidStandard } from '../../domain/project-policy';
import { screen, ScreeningInput } from './screening-rules';

const standard: AidStandard = { incomeCeilingFenPerCapita: 300000, minAge: 18, maxAge: 65, familyPlanningStatuses: ['compliant', 'one_child'] };
const mother = (o: Partial<ScreeningInput> = {}): ScreeningInput => ({
  birthDate: '1985-03-15',
  householdSize: 4,
  labourers: 2,
  annualIncomeFen: 800000,
  familyPlanningStatus: 'compliant',
  industry: 'pig_raising',
  projectDescription: '饲养巴马香猪',
  hasUnpaidLoan: false,
  ...o,
});
const failed = (o: Partial<ScreeningInput>) =>
  screen(mother(o), standard, '2026-11-22')
    .checks.filter((c) => c.outcome === 'fail')
    .map((c) => c.rule);

describe('screening against the aid standard', () => {
  it('finds a mother who meets every rule eligible, with a passing reason for each', () => {
    const sut = screen(mother(), standard, '2026-11-22');
    expect(sut.eligible).toBe(true);
    expect(sut.checks.map((c) => c.rule)).toEqual(['age', 'per_capita_income', 'family_planning', 'able_to_work', 'production_project', 'no_unpaid_loan']);
  });

  it('checks the age on the screening date, birthdays included', () => {
    expect(failed({ birthDate: '2008-02-29' })).toEqual([]);
    expect(failed({ birthDate: '2008-11-23' })).toEqual(['age']);
    expect(failed({ birthDate: '2008-11-22' })).toEqual([]);
    expect(failed({ birthDate: '1961-11-22' })).toEqual([]);
    expect(failed({ birthDate: '1960-11-21' })).toEqual(['age']);
  });

  it('requires per-capita income strictly below the ceiling, and says the figures', () => {
    expect(failed({ annualIncomeFen: 1200000 })).toEqual(['per_capita_income']);
    expect(failed({ annualIncomeFen: 1199996 })).toEqual([]);
    const reason = screen(mother({ annualIncomeFen: 1600000 }), standard, '2026-11-22').checks[1].reason;
    expect(reason).toBe('per-capita income 4,000.00 yuan is not below the ceiling 3,000.00 yuan');
  });

  it('requires a qualifying family-planning status', () => {
    expect(failed({ familyPlanningStatus: 'non_compliant' })).toEqual(['family_planning']);
  });

  it('requires someone able to work', () => {
    expect(failed({ labourers: 0 })).toEqual(['able_to_work']);
  });

  it('refuses weddings, housing and consumption, by industry or by description', () => {
    expect(failed({ industry: 'housing' })).toEqual(['production_project']);
    expect(failed({ projectDescription: '给儿子办婚事' })).toEqual(['production_project']);
    expect(failed({ projectDescription: '' })).toEqual(['production_project']);
    expect(failed({ industry: ' Wedding ' })).toEqual(['production_project']);
    expect(failed({ projectDescription: '翻建房屋' })).toEqual(['production_project']);
    expect(failed({ industry: 'mushroom', projectDescription: '种植黑木耳' })).toEqual([]);
  });

  it('says why a project is refused', () => {
    const [consumption] = screen(mother({ projectDescription: '购买家电消费' }), standard, '2026-11-22').checks.filter((c) => c.rule === 'production_project');
    expect(consumption).toMatchObject({ outcome: 'fail', value: 'pig_raising' });
    expect(consumption.reason).toContain('购买家电消费');
    const [none] = screen(mother({ industry: '  ' }), standard, '2026-11-22').checks.filter((c) => c.rule === 'production_project');
    expect(none.reason).toBe('no production project is named');
  });

  it('gives each check its value and a reason with the figures', () => {
    const sut = screen(mother({ birthDate: '2010-01-01', labourers: 0 }), standard, '2026-11-22');
    expect(sut.checks.find((c) => c.rule === 'age')).toEqual({ rule: 'age', value: '16', outcome: 'fail', reason: 'aged 16, outside 18–65' });
    expect(sut.checks.find((c) => c.rule === 'per_capita_income')).toEqual({
      rule: 'per_capita_income',
      value: '200000',
      outcome: 'pass',
      reason: 'per-capita income 2,000.00 yuan is below the ceiling 3,000.00 yuan',
    });
    expect(sut.checks.find((c) => c.rule === 'able_to_work')?.reason).toBe('nobody in the household is able to work');
  });

  it('refuses a mother with a loan not yet repaid', () => {
    expect(failed({ hasUnpaidLoan: true })).toEqual(['no_unpaid_loan']);
  });

  it('lists every failed rule, not just the first', () => {
    const sut = screen(mother({ labourers: 0, familyPlanningStatus: 'x' }), standard, '2026-11-22');
    expect(sut.eligible).toBe(false);
    expect(sut.checks.filter((c) => c.outcome === 'fail').map((c) => c.rule)).toEqual(['family_planning', 'able_to_work']);
  });
});

describe('the age rule', () => {
  it('fails, rather than throws, for a birth date after the screening date', () => {
    const sut = screen(mother({ birthDate: '2026-11-23' }), standard, '2026-11-22');
    expect(sut.checks.find((c) => c.rule === 'age')).toMatchObject({ outcome: 'fail', value: '-1' });
  });

  it('counts a 29 February birthday as reached on 1 March of a common year, as the ID-number library does', () => {
    expect(screen(mother({ birthDate: '2008-02-29' }), standard, '2026-02-28').checks[0].value).toBe('17');
    expect(screen(mother({ birthDate: '2008-02-29' }), standard, '2026-03-01').checks[0].value).toBe('18');
  });
});
