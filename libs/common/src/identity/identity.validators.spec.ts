import { validateSync } from 'class-validator';
import { IsMainlandMobile, IsResidentId } from './identity.validators';
import { makeResidentId } from '@xingfu/kernel';

class Sut {
  @IsResidentId() idNumber!: unknown;
  @IsMainlandMobile() phone!: unknown;
}

const messages = (idNumber: unknown, phone: unknown = '13812345678') =>
  validateSync(Object.assign(new Sut(), { idNumber, phone })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('identity validators', () => {
  const valid = makeResidentId('231085', '19850315', '002');

  it('accept a valid ID number (a lower-case x too) and a mobile number', () => {
    expect(messages(valid)).toEqual([]);
    expect(messages('11010519491231002x')).toEqual([]);
  });

  it('refuse an ID number with a wrong check digit, saying why without repeating it', () => {
    const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const [message] = messages(wrong);
    expect(message).toBe('idNumber must be a valid resident ID number (check digit does not match)');
    expect(message).not.toContain(wrong);
  });

  it('refuse an impossible birth date, a wrong shape and a non-string', () => {
    expect(messages(makeResidentId('231085', '19850230', '002'))).toEqual(['idNumber must be a valid resident ID number (birth date is not a real date)']);
    expect(messages('12345')).toHaveLength(1);
    expect(messages(12345)).toEqual(['idNumber must be a valid resident ID number (expected a string)']);
  });

  it.each(['12812345678', '1381234567', '+8613812345678', 13812345678, ''])('refuse the phone %p', (phone) => {
    expect(messages(valid, phone)).toEqual(['phone must be an 11-digit mobile number starting with 13-19']);
  });
});
