import { Module } from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import { APP_CONFIG, type AppConfig } from '../config';
import { LOGGER } from '../core.module';

import { HttpSmsGateway } from './http-sms-gateway';
import { SMS_GATEWAY, SmsDeliveryError, type SmsGateway } from './sms-gateway';
import { SmsEnabledGuard } from './sms-enabled.guard';

/** Gateway used when no operator is configured. `SmsEnabledGuard` keeps requests from it. */
const unconfiguredGateway: SmsGateway = {
  send: () =>
    Promise.reject(
      new SmsDeliveryError('SMS_NOT_CONFIGURED', 'no SMS operator is configured', true),
    ),
};

@Module({
  exports: [SMS_GATEWAY, SmsEnabledGuard],
  providers: [
    {
      inject: [APP_CONFIG, LOGGER],
      provide: SMS_GATEWAY,
      useFactory: (config: AppConfig, logger: Logger): SmsGateway =>
        config.sms ? new HttpSmsGateway(config.sms.gateway, logger) : unconfiguredGateway,
    },
    SmsEnabledGuard,
  ],
})
export class SmsModule {}
