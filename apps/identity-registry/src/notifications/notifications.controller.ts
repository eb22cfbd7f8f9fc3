import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UseGuards,
} from '@nestjs/common';
import type { z } from 'zod';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import type { Caller, ServiceCaller } from '../agencies/auth/caller';
import { Callers, CurrentCaller } from '../agencies/auth/caller.guard';
import { IdentityScopes } from '../auth/scopes';
import { SmsEnabledGuard } from '../sms/sms-enabled.guard';

import { notificationIdParams, notificationRequest } from './dto/notification-request';
import {
  type NotificationReceipt,
  type NotificationRequest,
  type NotificationView,
  toNotificationView,
} from './notification';
import { Notifications } from './notifications.service';

/**
 * SMS notices that agencies and platform apps (such as fuel allocation's turn queue) send to
 * identities, each under the agency its token's `svc` claim names.
 */
@Controller('notifications')
@RequireScopes(IdentityScopes.notify)
export class NotificationsController {
  constructor(private readonly notifications: Notifications) {}

  /** Queues a notice and returns 202, because the worker sends it in the background. */
  @Post('sms')
  @UseGuards(SmsEnabledGuard)
  @Callers('agency', 'app')
  @HttpCode(HttpStatus.ACCEPTED)
  async send(
    @CurrentCaller() caller: ServiceCaller,
    @Body(new ZodValidationPipe(notificationRequest)) request: NotificationRequest,
  ): Promise<NotificationReceipt> {
    return this.notifications.accept(caller.serviceId, request);
  }

  /** Returns a notice to a caller of the agency that queued it, or to any operator. */
  @Get(':id')
  @Callers('agency', 'app', 'operator')
  async get(
    @CurrentCaller() caller: Caller,
    @Param(new ZodValidationPipe(notificationIdParams))
    params: z.infer<typeof notificationIdParams>,
  ): Promise<NotificationView> {
    return toNotificationView(await this.notifications.get(caller, params.id));
  }
}
