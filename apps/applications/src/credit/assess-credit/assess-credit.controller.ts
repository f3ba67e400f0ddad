import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { ScopedRecord } from '@xingfu/auth';
import { ApplicationScope } from '../../shared/record-scopes';
import { AssessCreditCommand } from './assess-credit.command';
import { AssessCreditDto } from './assess-credit.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class AssessCreditController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/credit-assessment')
  @ScopedRecord('application', ApplicationScope, 'officer', 'project_manager')
  @ApiOperation({
    summary: 'Score trustworthiness (诚信) with the project’s weights (default honesty 70, labour 20, income 10); gives the grade and the amount ceiling. Only after the public notice passed. Emits CreditAssessed.',
  })
  @ApiCreatedResponse({ description: '{ id, applicationId, status: credit_assessed, score, grade, ceilingFen, weights, policyVersion }' })
  @ApiBadRequestResponse({ description: 'validation_failed: a component missing or not an integer 0–100, or no evidence; details by field.' })
  @ApiForbiddenResponse({ description: 'Your role may not assess credit (officers and project managers only).' })
  @ApiNotFoundResponse({ description: 'No such application in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: the public notice has not passed, or credit was already assessed (details: currentState, allowedSteps).' })
  assess(@Param('id', ParseUUIDPipe) id: string, @Body() body: AssessCreditDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new AssessCreditCommand({ applicationId: id, ...body }, context));
  }
}
