import { ConfigError, loadConfig } from './load-config';

describe('loadConfig: the business date and the sweeps', () => {
  it('follows the calendar and sweeps at 01:00 by default', () => {
    const sut = loadConfig({});
    expect(sut.BUSINESS_DATE_MODE).toBe('system');
    expect(sut.SWEEP_HOUR).toBe(1);
  });

  it('takes a managed date seeded from BUSINESS_DATE, and a sweep hour', () => {
    const sut = loadConfig({ BUSINESS_DATE_MODE: 'managed', BUSINESS_DATE: '2026-11-20', SWEEP_HOUR: '23' });
    expect(sut).toMatchObject({ BUSINESS_DATE_MODE: 'managed', BUSINESS_DATE: '2026-11-20', SWEEP_HOUR: 23 });
  });

  it('names a bad mode and an hour outside 0-23', () => {
    let problems: string[] = [];
    try {
      loadConfig({ BUSINESS_DATE_MODE: 'manual', SWEEP_HOUR: '24' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    }
    expect(problems).toEqual(['BUSINESS_DATE_MODE', 'SWEEP_HOUR']);
  });
});
