import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { documentErrors } from './document-errors';

/** Swagger UI at /docs, the JSON at /docs-json. */
export function setupSwagger(app: INestApplication, title: string): void {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription('幸福工程·救助贫困母亲 microfinance backend. Money is integer fen; dates are Asia/Shanghai business dates (YYYY-MM-DD).')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => documentErrors(SwaggerModule.createDocument(app, config)));
}
