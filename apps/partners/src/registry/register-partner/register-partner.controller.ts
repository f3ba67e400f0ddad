import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@xingfu/auth';
import { CommandContext } from '@xingfu/kernel';
import { Ctx } from '@xingfu/kit';
import { RegisterPartnerCommand } from './register-partner.command';
import { RegisterPartnerDto } from './register-partner.dto';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class RegisterPartnerController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('foundation', 'project_manager')
  @ApiOperation({ summary: 'Register a partner (company, lead farmer, park). Its id is what approvals name as partnerId and partner users carry as their scope. Emits PartnerRegistered.' })
  @ApiCreatedResponse({ description: 'The partner.' })
  @ApiBadRequestResponse({ description: 'validation_failed: a company without its credit code, a credit code whose check character is wrong, a county outside a manager’s.' })
  @ApiConflictResponse({ description: 'credit_code_taken: a partner with that credit code is registered.' })
  register(@Body() body: RegisterPartnerDto, @Ctx() context: CommandContext) {
    return this.commands.execute(new RegisterPartnerCommand(body, context));
  }
}
