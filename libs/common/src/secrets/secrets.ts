import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { ConfigError } from '../config/load-config';

/** Keys the process needs; from the environment, or (standalone only) generated once under DATA_DIR. */
export class Secrets {
  constructor(
    readonly jwtSecret: string,
    readonly piiKey: Buffer,
  ) {}

  static resolve(config: AppConfig, allowGenerated: boolean): Secrets {
    if (config.JWT_SECRET && config.PII_ENCRYPTION_KEY) {
      return new Secrets(config.JWT_SECRET, Buffer.from(config.PII_ENCRYPTION_KEY, 'hex'));
    }
    if (!allowGenerated) {
      const missing = ['JWT_SECRET', 'PII_ENCRYPTION_KEY'].filter((k) => !config[k as keyof AppConfig]);
      throw new ConfigError(missing.map((variable) => ({ variable, message: `${variable} is required when a service runs on its own` })));
    }
    const stored = loadOrCreate(config.DATA_DIR);
    return new Secrets(config.JWT_SECRET ?? stored.jwtSecret, Buffer.from(config.PII_ENCRYPTION_KEY ?? stored.piiKey, 'hex'));
  }
}

function loadOrCreate(dataDir: string): { jwtSecret: string; piiKey: string } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataDir, { recursive: true });
  const secrets = { jwtSecret: randomBytes(32).toString('hex'), piiKey: randomBytes(32).toString('hex') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
