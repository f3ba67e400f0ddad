import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { IS_BUSINESS_DATE } from './business-date.decorator';
import { EventContract } from './event-contract';
import { ALL_EVENT_CONTRACTS, contractsOf, producingServices } from './registry';
import { ServiceName, topicOf } from './services';

type JsonSchema = Record<string, unknown>;

export interface AsyncApiOptions {
  /** host:port of the broker the document describes (go-mokapi listens there in tests). */
  brokerHost: string;
}

export const DEFAULT_TEST_BROKER_HOST = '127.0.0.1:19092';

/**
 * The AsyncAPI 3 document, generated from the contract classes so it cannot drift.
 * Each topic has ONE message whose payload is a `oneOf` over that topic's event envelopes:
 * go-mokapi reads a record's value once, so a channel with several messages only ever
 * validates against the first one it tries.
 */
export function buildAsyncApiDocument(options: AsyncApiOptions = { brokerHost: DEFAULT_TEST_BROKER_HOST }) {
  const payloadSchemas = payloadClassSchemas();
  const schemas: Record<string, JsonSchema> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const contract of ALL_EVENT_CONTRACTS) {
    const payloadName = contract.payload.name;
    schemas[payloadName] = strict(payloadSchemas[payloadName] ?? { type: 'object', properties: {} });
    schemas[envelopeSchemaName(contract)] = envelopeSchema(contract, payloadName);
  }
  addReferencedSchemas(schemas, payloadSchemas);
  for (const service of producingServices()) {
    const messageName = messageNameOf(service);
    messages[messageName] = {
      name: messageName,
      title: `Events of ${service}`,
      contentType: 'application/json',
      payload: { oneOf: contractsOf(service).map((c) => ({ $ref: `#/components/schemas/${envelopeSchemaName(c)}` })) },
    };
    channels[service] = {
      address: topicOf(service),
      description: `Events produced by ${service}; key = aggregate id.`,
      messages: { [messageName]: { $ref: `#/components/messages/${messageName}` } },
      bindings: { kafka: { partitions: 3 } },
    };
    operations[`publish-${service}`] = { action: 'send', channel: { $ref: `#/channels/${service}` } };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'xingfu events',
      version: '1.0.0',
      description: 'Integration events of the 幸福工程 microfinance backend. Generated from libs/contracts; do not edit by hand (npm run asyncapi).',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: options.brokerHost, protocol: 'kafka', description: 'Kafka-protocol broker' } },
    channels,
    operations,
    components: { messages, schemas },
  };
}

function messageNameOf(service: ServiceName): string {
  return `${service[0].toUpperCase()}${service.slice(1)}Event`;
}

function envelopeSchemaName(contract: EventContract): string {
  return `${contract.type}V${contract.version}Event`;
}

function envelopeSchema(contract: EventContract, payloadName: string): JsonSchema {
  return {
    type: 'object',
    description: contract.description,
    additionalProperties: false,
    required: ['eventId', 'type', 'version', 'occurredAt', 'aggregateId', 'correlationId', 'causationId', 'actor', 'payload'],
    properties: {
      eventId: { type: 'string', format: 'uuid' },
      type: { type: 'string', const: contract.type },
      version: { type: 'integer', const: contract.version },
      occurredAt: { type: 'string', format: 'date-time' },
      aggregateId: { type: 'string', minLength: 1 },
      correlationId: { type: 'string', minLength: 1 },
      causationId: { type: ['string', 'null'] },
      actor: { type: 'string', minLength: 1 },
      payload: { $ref: `#/components/schemas/${payloadName}` },
    },
  };
}

function payloadClassSchemas(): Record<string, JsonSchema> {
  return validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
    additionalConverters: { [IS_BUSINESS_DATE]: { type: 'string', format: 'date' } },
  }) as Record<string, JsonSchema>;
}

/** Nested classes (AidStandardV1, DatedAmount, ...) referenced from payloads, transitively. */
function addReferencedSchemas(schemas: Record<string, JsonSchema>, available: Record<string, JsonSchema>): void {
  const prefix = '#/components/schemas/';
  const pending = Object.values(schemas);
  while (pending.length) {
    const refs = JSON.stringify(pending.pop()).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = ref.slice(ref.indexOf(prefix) + prefix.length, -1);
      if (!schemas[name] && available[name]) {
        schemas[name] = strict(available[name]);
        pending.push(schemas[name]);
      }
    }
  }
}

/** class-validator is run with forbidNonWhitelisted, so the schema forbids unknown fields too. */
function strict(schema: JsonSchema): JsonSchema {
  const copy: JsonSchema = { ...schema, additionalProperties: false };
  if (!copy.required) copy.required = [];
  return copy;
}
