import { type CanActivate, HttpStatus, Inject, Injectable } from '@nestjs/common';

import { ApiError } from '@bitaqa/http';

import { APP_CONFIG, type AppConfig } from '../config';

import type { SmsSettings } from './sms-settings';

/** Returns the SMS settings, or throws 503 SMS_NOT_CONFIGURED when the operator is not set up. */
export function requireSmsSettings(config: AppConfig): SmsSettings {
  if (config.sms) return config.sms;

  throw new ApiError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'SMS_NOT_CONFIGURED',
    'mobile binding and SMS notifications are off because no SMS operator is configured',
    { hint: 'set SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN and OTP_HMAC_KEY and restart the registry' },
  );
}

/** Rejects requests to endpoints that need the operator with 503 while none is configured. */
@Injectable()
export class SmsEnabledGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(): boolean {
    requireSmsSettings(this.config);

    return true;
  }
}
