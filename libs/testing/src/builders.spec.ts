import { FULL_ID_NUMBER, newResidentId } from './builders';

describe('FULL_ID_NUMBER', () => {
  it('finds a whole ID number in a JSON answer, and not 18 digits inside a lookup hash', () => {
    expect(JSON.stringify({ idNumber: newResidentId() })).toMatch(FULL_ID_NUMBER);
    expect(JSON.stringify({ idNumber: '23108519900101123X' })).toMatch(FULL_ID_NUMBER);
    expect(JSON.stringify({ idHash: '198acc56f8563c40fd694888590c12bad025e260d8598f282451672113447984' })).not.toMatch(FULL_ID_NUMBER);
    expect(JSON.stringify({ idNumberMasked: '2310**********1234' })).not.toMatch(FULL_ID_NUMBER);
  });
});
