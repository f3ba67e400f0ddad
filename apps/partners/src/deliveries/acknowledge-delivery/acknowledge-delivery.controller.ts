import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScopedRecord } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { DeliveryScope } from '../../shared/record-scopes';
import { AcknowledgeDeliveryCommand } from './acknowledge-delivery.command';
import { AcknowledgeDeliveryDto } from './acknowledge-delivery.dto';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('deliveries')
export class AcknowledgeDeliveryController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/acknowledgement')
  @ScopedRecord('delivery', DeliveryScope, 'officer')
  @ApiOperation({ summary: 'The officer records the mother’s acknowledgement of a delivery: both sides have confirmed it. Emits DeliveryAcknowledged.' })
  @ApiCreatedResponse({ description: 'The enrolment.' })
  @ApiBadRequestResponse({ description: 'validation_failed: a date in the future or before the delivery.' })
  @ApiNotFoundResponse({ description: 'No such delivery in your scope.' })
  @ApiConflictResponse({ description: 'already_acknowledged.' })
  acknowledge(@Param('id', ParseUUIDPipe) id: string, @Body() body: AcknowledgeDeliveryDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new AcknowledgeDeliveryCommand({ deliveryId: id, ...body }, context));
  }
}
