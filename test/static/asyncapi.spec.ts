import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_EVENT_CONTRACTS, buildAsyncApiDocument, producingServices, topicOf } from '@xingfu/contracts';
import { parse } from 'yaml';

describe('docs/asyncapi.yaml', () => {
  const committed = parse(readFileSync(join(__dirname, '..', '..', 'docs', 'asyncapi.yaml'), 'utf8'));

  it('is exactly what the contracts generate (run `npm run asyncapi` after changing a contract)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument())));
  });

  it('lists one topic per producing service and a schema for every event version', () => {
    const addresses = Object.values(committed.channels as Record<string, { address: string }>).map((c) => c.address);
    expect(addresses.sort()).toEqual(producingServices().map(topicOf).sort());
    for (const contract of ALL_EVENT_CONTRACTS) {
      expect(committed.components.schemas[`${contract.type}V${contract.version}Event`]).toBeDefined();
    }
  });
});
