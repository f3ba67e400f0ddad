import { Controller, Get, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Request, Response } from 'express';
import { withTimeout } from '../async/with-timeout';
import { errorMessage } from '../errors/error-message';
import { Public } from '../http/public.decorator';
import { ReadinessProbe, ReadinessRegistry } from './readiness.registry';

const PROBE_TIMEOUT_MS = 2000;

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process answers.' })
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database, Redis and Kafka (when used) answer; 503 when one does not. Only up or down without an admin token; which dependency and why with one.' })
  @HealthCheck()
  async ready(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<HealthCheckResult | { status: string }> {
    const result = await this.check(response);
    // What runs where and why it fails is for operators, not for anyone who can reach the port.
    return (request as { user?: { role?: string } }).user?.role === 'admin' ? result : { status: result.status };
  }

  private async check(response: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.readiness.all().map((p) => () => this.probe(p)));
    } catch (error) {
      // Terminus throws its result as a 503. Not being ready is an answer, not an error: it
      // goes out as it is (which dependency is down, and why) rather than through the error filter.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private async probe(p: ReadinessProbe) {
    const indicator = this.indicators.check(p.name);
    try {
      await withTimeout(p.probe(), PROBE_TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: errorMessage(error) });
    }
  }
}
