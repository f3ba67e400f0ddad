import { randomUUID } from 'node:crypto';
import { ApplicationSubmitted } from './events/applications/application-submitted.v1';
import { EventEnvelope } from './envelope';
import { registerUpcaster, upcastTo } from './upcasters';
import { payloadViolations } from './validate-payload';

const payload = () => ({
  applicationId: randomUUID(),
  projectId: randomUUID(),
  countyCode: '231085',
  townshipCode: '231085100',
  villageCode: '231085100201',
  motherNameMasked: '王*梅',
  idNumberMasked: '2310**********0021',
  industry: 'mushroom',
  requestedAmountFen: 100000,
  model: 'park',
  submittedOn: '2026-11-22',
});

describe('event contracts', () => {
  it('accept a payload that keeps the contract', () => {
    expect(payloadViolations(ApplicationSubmitted, payload())).toEqual([]);
  });

  it('name the field that breaks it: wrong code, unknown field, float money, impossible date', () => {
    const paths = (p: object) => payloadViolations(ApplicationSubmitted, p).map((v) => v.path);
    expect(paths({ ...payload(), townshipCode: '12' })).toEqual(['townshipCode']);
    expect(paths({ ...payload(), idNumber: '230103199001011234' })).toEqual(['idNumber']);
    expect(paths({ ...payload(), requestedAmountFen: 10.5 })).toEqual(['requestedAmountFen']);
    expect(paths({ ...payload(), submittedOn: '2026-02-30' })).toEqual(['submittedOn']);
  });

  it('upcast an old version step by step, and refuse when no path exists', () => {
    const v1: EventEnvelope = {
      eventId: randomUUID(),
      type: 'TestUpcast',
      version: 1,
      occurredAt: new Date().toISOString(),
      aggregateId: 'a',
      correlationId: 'c',
      causationId: null,
      actor: 'system:test',
      payload: { amountYuan: 12 },
    };
    registerUpcaster('TestUpcast', 1, (e) => ({ ...e, version: 2, payload: { amountFen: (e.payload as { amountYuan: number }).amountYuan * 100 } }));
    expect(upcastTo(v1, 2)?.payload).toEqual({ amountFen: 1200 });
    expect(upcastTo(v1, 1)).toBe(v1);
    expect(upcastTo(v1, 3)).toBeUndefined();
  });
});
