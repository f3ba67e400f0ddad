import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { Roles } from '@xingfu/auth';
import { RegisterProjectCommand } from './register-project.command';
import { RegisterProjectDto } from './register-project.dto';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class RegisterProjectController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('foundation', 'project_manager')
  @ApiOperation({ summary: 'Register a county project with its aid standard, loan policy, credit grades and weights (policy version 1). Emits ProjectRegistered.' })
  @ApiCreatedResponse({ description: 'The project with its policy, version 1.' })
  @ApiBadRequestResponse({ description: 'validation_failed: missing or malformed fields, or an inconsistent policy (min above max, grades that overlap or leave a gap in 0–100, weights not adding up to 100, a rate on an interest-free policy, no repayment plan); details by field.' })
  @ApiForbiddenResponse({ description: 'Your role may not register projects (only foundation and project managers).' })
  @ApiNotFoundResponse({ description: 'The county is outside your scope.' })
  register(@Body() body: RegisterProjectDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new RegisterProjectCommand({ ...body }, context));
  }
}
