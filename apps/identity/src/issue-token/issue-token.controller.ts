import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public } from '@xingfu/common';
import { IssueTokenCommand } from './issue-token.command';
import { IssuedTokenDto, IssueTokenDto } from './issue-token.dto';

@ApiTags('auth')
@Controller('auth/token')
export class IssueTokenController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in: exchange username and password for an access token.' })
  @ApiOkResponse({ type: IssuedTokenDto, description: 'A signed access token every service accepts.' })
  @ApiBadRequestResponse({ description: 'Missing or malformed fields.' })
  @ApiUnauthorizedResponse({ description: '`invalid_credentials`: unknown user, wrong password or deactivated user (one answer for all).' })
  @ApiTooManyRequestsResponse({ description: '`too_many_requests` (with `Retry-After`): too many attempts from this address, or the username is locked after repeated failures.' })
  issue(@Body() body: IssueTokenDto, @Ip() address: string): Promise<IssuedTokenDto> {
    return this.commands.execute(new IssueTokenCommand(body.username, body.password, address));
  }
}
