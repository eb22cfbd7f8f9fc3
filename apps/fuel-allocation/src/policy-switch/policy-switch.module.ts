import { Module } from '@nestjs/common';

import { EntitlementsModule } from '../entitlements/entitlements.module';

import { FamilyRefreshSweep } from './family-refresh-sweep';

/** Moves families onto a new policy version in the background on its effective day. */
@Module({
  exports: [FamilyRefreshSweep],
  imports: [EntitlementsModule],
  providers: [FamilyRefreshSweep],
})
export class PolicySwitchModule {}
