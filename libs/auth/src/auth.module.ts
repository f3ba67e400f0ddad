import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig, Secrets } from '@xingfu/common';
import { AuthGuard } from './auth.guard';
import { RevocationList } from './revocation/revocation-list';
import { TokenService } from './token.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig, Secrets],
      useFactory: (config: AppConfig, secrets: Secrets) => ({
        // A KeyObject: given a string, jsonwebtoken first tries to parse it as a public key on
        // every verification (about 50 times slower than checking the HMAC itself).
        secret: createSecretKey(Buffer.from(secrets.jwtSecret)),
        signOptions: { algorithm: 'HS256', expiresIn: config.JWT_TTL_SECONDS },
      }),
    }),
  ],
  providers: [TokenService, RevocationList, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, RevocationList],
})
export class AuthModule {}
