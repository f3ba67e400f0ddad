import { HttpException, HttpStatus } from '@nestjs/common';

/** 429 in the one error shape; the error filter adds `Retry-After`. */
export class TooManyRequestsError extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many attempts; try again later.',
    code = 'too_many_requests',
  ) {
    super({ code, message, details: { retryAfterSeconds } }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
