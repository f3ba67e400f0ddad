import { ApplicationSubmitted, defineEvent, LoanRepaid, ProjectRegistered } from '@xingfu/contracts';
import { BackboneLayout, backboneProblems } from './backbone-checks';

class UnregisteredV1 {}
const Unregistered = defineEvent({ type: 'ApplicationTeleported', version: 1, producer: 'applications', payload: UnregisteredV1, description: 'not in the registry' });

const layout = (overrides: Partial<BackboneLayout> = {}): BackboneLayout => ({
  hosted: ['applications', 'reporting'],
  registry: [ApplicationSubmitted, ProjectRegistered, LoanRepaid],
  producers: [{ service: 'applications', contracts: [ApplicationSubmitted, ProjectRegistered] }],
  consumers: [{ className: 'CountApplicationWhenSubmitted', service: 'reporting', name: 'applications-by-township', events: [ApplicationSubmitted] }],
  relays: ['applications'],
  ...overrides,
});

describe('backboneProblems (the start-up checks)', () => {
  it('lets a well-formed backbone start', () => {
    expect(backboneProblems(layout())).toEqual([]);
  });

  it('names an event a service appends that has no registered contract', () => {
    const sut = backboneProblems(layout({ producers: [{ service: 'applications', contracts: [ApplicationSubmitted, Unregistered] }] }));
    expect(sut).toEqual(['applications appends ApplicationTeleported v1, which has no contract in libs/contracts/src/registry.ts']);
  });

  it("names an event a service appends whose contract belongs to another service", () => {
    const sut = backboneProblems(layout({ producers: [{ service: 'applications', contracts: [LoanRepaid] }] }));
    expect(sut).toEqual(['applications appends LoanRepaid v1, whose contract says loans produces it']);
  });

  it('names two consumers that share one name, with both classes', () => {
    const sut = backboneProblems(
      layout({
        consumers: [
          { className: 'CountApplicationWhenSubmitted', service: 'reporting', name: 'applications-by-township', events: [ApplicationSubmitted] },
          { className: 'AnotherCounter', service: 'reporting', name: 'applications-by-township', events: [ApplicationSubmitted] },
        ],
      }),
    );
    expect(sut).toEqual(['2 consumers are named reporting.applications-by-township: CountApplicationWhenSubmitted, AnotherCounter']);
  });

  it('names a producing service that no relay of this process publishes', () => {
    expect(backboneProblems(layout({ relays: [] }))).toEqual(['applications produces events but has no relay in this process']);
    expect(backboneProblems(layout({ hosted: ['reporting'], relays: [] }))).toEqual([
      'applications produces events but is not hosted by this process, so no relay publishes its outbox',
    ]);
  });

  it('names a consumer that accepts an unregistered contract', () => {
    const sut = backboneProblems(layout({ consumers: [{ className: 'Teleports', service: 'reporting', name: 'teleports', events: [Unregistered] }] }));
    expect(sut).toEqual(['consumer reporting.teleports (Teleports) accepts ApplicationTeleported v1, which has no contract in libs/contracts/src/registry.ts']);
  });
});
