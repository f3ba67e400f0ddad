import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { Roles } from '@xingfu/auth';
import { SubmitApplicationCommand } from './submit-application.command';
import { SubmitApplicationDto } from './submit-application.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class SubmitApplicationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('officer')
  @ApiOperation({ summary: 'Record a survey (调查表) for a mother in one of your townships. Emits ApplicationSubmitted.' })
  @ApiCreatedResponse({ description: 'The application, with the ID number and phone masked, and her age on the survey date.' })
  @ApiBadRequestResponse({ description: 'Invalid fields, ID number or phone; village outside the township; project in another county.' })
  @ApiNotFoundResponse({ description: 'The township is outside your scope, or the project does not exist.' })
  @ApiConflictResponse({ description: 'duplicate_application: the mother has an open application or a loan not yet repaid.' })
  submit(@Body() body: SubmitApplicationDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new SubmitApplicationCommand({ ...body }, context));
  }
}
