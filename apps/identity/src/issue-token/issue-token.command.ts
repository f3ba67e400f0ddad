import { Command } from '@nestjs/cqrs';
import { IssuedTokenDto } from './issue-token.dto';

export class IssueTokenCommand extends Command<IssuedTokenDto> {
  constructor(
    readonly username: string,
    readonly password: string,
  ) {
    super();
  }
}
