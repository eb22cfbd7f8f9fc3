import { Module } from '@nestjs/common';

import { AgenciesModule } from '../agencies/agencies.module';
import { IdentitiesModule } from '../identities/identities.module';
import { SmsModule } from '../sms/sms.module';

import { BindingRepository } from './binding.repository';
import { ChallengeRepository } from './challenge.repository';
import { Clock } from './clock';
import { CodeConfirmations } from './code-confirmations.service';
import { CodeRequestLimiter } from './code-request-limiter';
import { CodeRequests } from './code-requests.service';
import { MobileAudit } from './mobile-audit';
import { MobileBindings } from './mobile-bindings.service';
import { MobileController } from './mobile.controller';

/** Mobile numbers bound to identities after a one-time code confirmed them. */
@Module({
  controllers: [MobileController],
  exports: [BindingRepository, Clock],
  imports: [AgenciesModule, IdentitiesModule, SmsModule],
  providers: [
    BindingRepository,
    ChallengeRepository,
    Clock,
    CodeConfirmations,
    CodeRequestLimiter,
    CodeRequests,
    MobileAudit,
    MobileBindings,
  ],
})
export class MobileModule {}
