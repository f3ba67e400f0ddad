import { EventContract, ServiceName } from '@xingfu/contracts';

/**
 * What one service declares it appends to its outbox, in its module:
 * `imports: [MessagingModule.forFeature({ service: 'applications', produces: producedEvents })]`.
 * Start-up checks each against the registry in libs/contracts, and the writer refuses to
 * append a contract its service did not declare, so an event with no contract fails at
 * start-up instead of at the broker.
 */
export class ProducedEvents {
  constructor(
    readonly service: ServiceName,
    readonly contracts: readonly EventContract[],
  ) {}
}
