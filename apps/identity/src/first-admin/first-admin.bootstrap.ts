import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@xingfu/common';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../passwords/password-hasher';
import { randomPassword } from '../passwords/random-password';

/**
 * An empty database has nobody who could create users, so the first start creates `admin`:
 * with ADMIN_PASSWORD, or with a random password printed once. Runs after migrations.
 */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admins: unknown[] = await this.dataSource.query(`SELECT 1 FROM identity.users WHERE role = 'admin' LIMIT 1`);
    if (admins.length) return;

    const given = this.config.ADMIN_PASSWORD;
    const password = given ?? randomPassword();
    // Replicas starting together may all get here; the unique username lets exactly one
    // insert, and only that one prints its password.
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO identity.users (username, password_hash, role) VALUES ('admin', $1, 'admin')
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [await this.hasher.hash(password)],
    );
    if (!inserted.length) {
      const other: { role: string }[] = await this.dataSource.query(`SELECT role FROM identity.users WHERE username = 'admin'`);
      if (other[0]?.role !== 'admin') {
        this.logger.warn('No admin exists and the username "admin" belongs to a non-admin user: no first admin was created.');
      }
      return;
    }
    if (given) {
      this.logger.log('First admin created: username "admin", password from ADMIN_PASSWORD.');
    } else {
      this.logger.warn(`First admin created: username "admin", password "${password}" (shown once; set ADMIN_PASSWORD to choose it)`);
    }
  }
}
