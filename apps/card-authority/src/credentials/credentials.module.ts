import { Module } from '@nestjs/common';

import { CredentialRepository } from './credential.repository';
import { CredentialsBootstrapService } from './credentials-bootstrap.service';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { FailedAttemptsLimiter } from './token/failed-attempts.limiter';
import { RedisClient } from './token/redis-client.service';
import { TokenController } from './token/token.controller';
import { TokenService } from './token/token.service';

/** Credentials, their officer endpoints, the bootstrap file and the token endpoint. */
@Module({
  controllers: [CredentialsController, TokenController],
  exports: [CredentialsService],
  providers: [
    CredentialRepository,
    CredentialsBootstrapService,
    CredentialsService,
    FailedAttemptsLimiter,
    RedisClient,
    TokenService,
  ],
})
export class CredentialsModule {}
