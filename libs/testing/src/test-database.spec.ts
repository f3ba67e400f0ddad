import { assertTestDatabaseUrl } from './test-database';

describe('the test database guard', () => {
  it('refuses a database whose name does not say test', () => {
    expect(() => assertTestDatabaseUrl('postgres://postgres@127.0.0.1:5432/xingfu')).toThrow(/must contain "test"/);
    expect(() => assertTestDatabaseUrl('postgres://test@127.0.0.1:5432/production')).toThrow();
  });

  it('accepts one that does', () => {
    expect(() => assertTestDatabaseUrl('postgres://postgres@127.0.0.1:5432/xingfu_test_abc')).not.toThrow();
  });
});
