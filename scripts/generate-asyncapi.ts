import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { buildAsyncApiDocument } from '@xingfu/contracts';

const target = join(__dirname, '..', 'docs', 'asyncapi.yaml');
writeFileSync(target, stringify(buildAsyncApiDocument()));
process.stdout.write(`wrote ${target}\n`);
