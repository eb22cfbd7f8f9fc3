import { Module } from '@nestjs/common';

import { AgenciesModule } from '../agencies/agencies.module';
import { IdentitiesModule } from '../identities/identities.module';
import { MobileModule } from '../mobile/mobile.module';
import { SmsModule } from '../sms/sms.module';

import { NotificationRepository } from './notification.repository';
import { NotificationSender } from './notification-sender.service';
import { NotificationsController } from './notifications.controller';
import { Notifications } from './notifications.service';

/** The SMS notification queue and the worker that drains it. */
@Module({
  controllers: [NotificationsController],
  exports: [NotificationSender],
  imports: [AgenciesModule, IdentitiesModule, MobileModule, SmsModule],
  providers: [NotificationRepository, NotificationSender, Notifications],
})
export class NotificationsModule {}
