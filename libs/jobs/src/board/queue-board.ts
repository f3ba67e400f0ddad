import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { AuthUser, TokenService } from '@xingfu/auth';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';

export const BOARD_PATH = '/admin/queues';

/**
 * The token a request carries: a bearer header (API clients), or HTTP Basic with the access
 * token as the password (a browser, which cannot send a bearer header, asks for it once).
 */
export function tokenOf(authorization: string | undefined): string | undefined {
  const [scheme, value] = (authorization ?? '').split(' ');
  if (!value) return undefined;
  if (scheme === 'Bearer') return value;
  if (scheme === 'Basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) || undefined : undefined;
  }
  return undefined;
}

/** Bull Board at /admin/queues, for admins only: 401 (with a Basic challenge) without a valid token, 403 for any other role. */
@Injectable()
export class QueueBoard implements OnModuleInit {
  private readonly logger = new Logger('QueueBoard');
  private board?: ReturnType<typeof createBullBoard>;
  /** Queues declared before the board was mounted (module init order is not ours to choose). */
  private readonly early: Queue[] = [];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: TokenService,
  ) {}

  onModuleInit(): void {
    const http = this.adapterHost.httpAdapter;
    // An application context without HTTP (a module-boot test) has no board.
    if (!http || http.getType() !== 'express') return;
    const serverAdapter = new ExpressAdapter().setBasePath(BOARD_PATH);
    this.board = createBullBoard({ queues: this.early.map((q) => new BullMQAdapter(q)), serverAdapter, options: { uiConfig: { boardTitle: 'xingfu queues' } } });
    const express = http.getInstance() as { use: (path: string, ...handlers: unknown[]) => void };
    express.use(BOARD_PATH, (req: Request, res: Response, next: NextFunction) => void this.guard(req, res, next), serverAdapter.getRouter());
  }

  add(queue: Queue): void {
    if (this.board) this.board.addQueue(new BullMQAdapter(queue));
    else this.early.push(queue);
  }

  remove(name: string): void {
    this.board?.removeQueue(name);
    const i = this.early.findIndex((q) => q.name === name);
    if (i >= 0) this.early.splice(i, 1);
  }

  private async guard(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      const token = tokenOf(req.headers.authorization);
      const user: AuthUser | undefined = token ? await this.tokens.verify(token) : undefined;
      if (!user) {
        res
          .status(401)
          .set('WWW-Authenticate', 'Basic realm="xingfu queues (user: anything, password: an admin access token)"')
          .json({ code: 'unauthorized', message: 'A valid admin token is required (bearer, or HTTP Basic with the token as password).', details: {} });
        return;
      }
      if (user.role !== 'admin') {
        res.status(403).json({ code: 'forbidden', message: 'This needs one of the roles: admin.', details: { roles: ['admin'] } });
        return;
      }
      next();
    } catch (error) {
      this.logger.error(`queue board guard: ${(error as Error).message}`);
      next(error);
    }
  }
}
