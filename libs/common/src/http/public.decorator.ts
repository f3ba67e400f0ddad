import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { DOC_PUBLIC } from './api-doc-marks';

export const IS_PUBLIC = 'xingfu:isPublic';

/** Marks a route (or controller) as reachable without a bearer token (and says so in Swagger). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(DOC_PUBLIC, true));
