import { Module } from '@nestjs/common';

import { EntitlementsModule } from '../entitlements/entitlements.module';

import { BeneficiariesService } from './beneficiaries.service';
import { BeneficiaryEventsController } from './beneficiary-events.controller';

@Module({
  controllers: [BeneficiaryEventsController],
  imports: [EntitlementsModule],
  providers: [BeneficiariesService],
})
export class BeneficiariesModule {}
