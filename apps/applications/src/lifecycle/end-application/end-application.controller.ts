import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@xingfu/auth';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { EndApplicationCommand } from './end-application.handler';

export class RejectApplicationDto {
  @ApiProperty({ example: '入户核实不符' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

export class WithdrawApplicationDto {
  @ApiPropertyOptional({ example: '外出务工' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class EndApplicationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/rejection')
  @Roles('officer', 'project_manager')
  @ApiOperation({ summary: 'Reject an open application with a reason. Emits ApplicationRejected.' })
  @ApiCreatedResponse({ description: 'The rejected application.' })
  @ApiNotFoundResponse({ description: 'No such application in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: it is no longer open (details: currentState, allowedSteps).' })
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() body: RejectApplicationDto, @CurrentUser() user: AuthUser) {
    return this.commands.execute(new EndApplicationCommand(id, 'rejection', body.reason, user));
  }

  @Post(':id/withdrawal')
  @Roles('officer', 'project_manager')
  @ApiOperation({ summary: 'Record that the mother withdrew. Emits ApplicationWithdrawn.' })
  @ApiCreatedResponse({ description: 'The withdrawn application.' })
  @ApiNotFoundResponse({ description: 'No such application in your scope.' })
  @ApiConflictResponse({ description: 'illegal_step: it is no longer open (details: currentState, allowedSteps).' })
  withdraw(@Param('id', ParseUUIDPipe) id: string, @Body() body: WithdrawApplicationDto, @CurrentUser() user: AuthUser) {
    return this.commands.execute(new EndApplicationCommand(id, 'withdrawal', body.reason ?? '', user));
  }
}
