import { Command } from '@nestjs/cqrs';
import { IssuedTokenDto } from './issue-token.dto';

export class IssueTokenCommand extends Command<IssuedTokenDto> {
  constructor(
    readonly username: string,
    readonly password: string,
    /** The client's address, for the per-address login limit. */
    readonly address = 'unknown',
  ) {
    super();
  }
}
