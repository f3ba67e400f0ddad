import { Command, Plain } from '@xingfu/kit';
import type { AcknowledgeDeliveryDto } from './acknowledge-delivery.dto';

export class AcknowledgeDeliveryCommand extends Command<{ deliveryId: string } & Plain<AcknowledgeDeliveryDto>> {}
