import 'reflect-metadata';
import { errorMessage } from '@xingfu/common';
import { reportingRebuild } from './cli/reporting-rebuild';

/** `npm run cli -- <command>`: the operator's commands, each booting only what it needs. */
const COMMANDS: Record<string, { about: string; run: (env: NodeJS.ProcessEnv) => Promise<string> }> = {
  'reporting:rebuild': { about: 'rebuild reporting’s read models from the event history (the outboxes in DATABASE_URL)', run: reportingRebuild },
};

async function main(argv: string[]): Promise<number> {
  const [name] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `unknown command ${name}\n` : ''}usage: npm run cli -- <command>\n${Object.entries(COMMANDS).map(([n, c]) => `  ${n}  ${c.about}`).join('\n')}\n`);
    return 2;
  }
  try {
    process.stdout.write(`${await command.run(process.env)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${name} failed: ${errorMessage(error)}\n`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
