import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

// Swagger UI and Bull Board run inline scripts and styles; everything else is JSON and may load nothing.
const UI_PATHS = ['/docs', '/admin/queues'];
const forApi = helmet();
const forDocs = helmet({ contentSecurityPolicy: false });

/**
 * helmet's headers on every answer (the operator UIs, Swagger and Bull Board, without the
 * content security policy), and `Cache-Control: no-store`: answers carry personal data (full
 * ID numbers for a project manager, job data on the board), which no browser or proxy cache may keep.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  if (UI_PATHS.some((ui) => req.path === ui || req.path.startsWith(`${ui}/`))) return forDocs(req, res, next);
  forApi(req, res, next);
}
