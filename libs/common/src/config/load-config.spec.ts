import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('gives defaults for a standalone laptop', () => {
    const sut = loadConfig({});
    expect(sut.PORT).toBe(3000);
    expect(sut.DATABASE_URL).toBeUndefined();
    expect(sut.KAFKA_BROKERS).toBeUndefined();
    expect(sut.OUTBOX_RELAY_ENABLED).toBe(true);
  });

  it('converts numbers and booleans from their text', () => {
    const sut = loadConfig({ PORT: '8080', OUTBOX_RELAY_ENABLED: 'false' });
    expect(sut.PORT).toBe(8080);
    expect(sut.OUTBOX_RELAY_ENABLED).toBe(false);
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'abc', KAFKA_BROKERS: 'not a list', DATABASE_URL: 'mysql://x' });
      fail('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'KAFKA_BROKERS', 'PORT']);
      expect((error as Error).message).toContain('PORT');
    }
  });

  it('bounds the shutdown deadline and the relay lease', () => {
    expect(loadConfig({}).SHUTDOWN_TIMEOUT_MS).toBe(20_000);
    expect(loadConfig({ OUTBOX_LEASE_SECONDS: '60' }).OUTBOX_LEASE_SECONDS).toBe(60);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: '10', OUTBOX_LEASE_SECONDS: '1' })).toThrow(/OUTBOX_LEASE_SECONDS.*SHUTDOWN_TIMEOUT_MS|SHUTDOWN_TIMEOUT_MS.*OUTBOX_LEASE_SECONDS/);
  });

  it('ignores environment variables it does not know', () => {
    expect(() => loadConfig({ HOME: '/root', SOMETHING_ELSE: '1' })).not.toThrow();
  });
});
