import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { register } from 'prom-client';
import { AppConfig } from '../config/app-config';
import { Public } from '../http/public.decorator';

/**
 * Prometheus metrics (the Node version, heap, event counts per service): for the scraper,
 * with `Authorization: Bearer <METRICS_TOKEN>`, or for an admin's access token. Public only
 * in the sense that the ordinary guard lets it through to this check.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  metrics(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    if (!this.allowed(request)) {
      throw new UnauthorizedException({ code: 'unauthorized', message: 'The metrics need METRICS_TOKEN or an admin token.', details: {} });
    }
    // Set here, not with @Header: a refusal goes out as JSON.
    response.setHeader('Content-Type', register.contentType);
    return register.metrics();
  }

  private allowed(request: Request): boolean {
    if ((request as { user?: { role?: string } }).user?.role === 'admin') return true;
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const expected = this.config.METRICS_TOKEN;
    if (scheme !== 'Bearer' || !token || !expected) return false;
    const given = Buffer.from(token);
    const wanted = Buffer.from(expected);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
}
