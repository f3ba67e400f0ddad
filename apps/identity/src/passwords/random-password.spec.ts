import { randomPassword } from './random-password';

describe('randomPassword', () => {
  it('is 16 URL-safe characters, different every time', () => {
    const a = randomPassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(randomPassword()).not.toEqual(a);
  });
});
