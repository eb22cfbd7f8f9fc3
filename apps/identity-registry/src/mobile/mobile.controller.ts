import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UseFilters,
  UseGuards,
} from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import type { Caller } from '../agencies/auth/caller';
import { Callers, CurrentCaller } from '../agencies/auth/caller.guard';
import { IdentityScopes } from '../auth/scopes';
import {
  type NationalNumberParams,
  nationalNumberParams,
} from '../identities/dto/national-number.params';
import { maskMobileNumber } from '../sms/sms-gateway';
import { SmsEnabledGuard } from '../sms/sms-enabled.guard';

import { CodeConfirmations } from './code-confirmations.service';
import { CodeRequests } from './code-requests.service';
import {
  type CodeConfirmationBody,
  codeConfirmationBody,
  type CodeRequestBody,
  codeRequestBody,
} from './dto/mobile-requests';
import { type CodeRequestReceipt, type MobileBindingView, toBindingView } from './mobile-binding';
import { actorOf } from './mobile-audit';
import { MobileBindings } from './mobile-bindings.service';
import { RetryAfterFilter } from './too-many-requests';

/**
 * Returns the number for an operator, and masked for an agency. An agency may not have learnt
 * the number from the holder, and reading it is not among the attributes its policy releases.
 */
function numberFor(caller: Caller, mobileNumber: string): string {
  return caller.kind === 'operator' ? mobileNumber : maskMobileNumber(mobileNumber);
}

/** Unbinding result as the HTTP API returns it. */
export interface UnbindView {
  mobileNumber: string;
  nationalNumber: string;
  unboundAt: string;
}

/**
 * Binding endpoints for front offices, such as registry operators or a citizen portal, that have
 * already identified the holder. The one-time code proves that the holder has the phone. Both
 * operator tokens and agency (service) tokens need `identity:operate`.
 */
@Controller('identities/:nationalNumber/mobile')
@RequireScopes(IdentityScopes.operate)
@Callers('agency', 'operator')
@UseFilters(RetryAfterFilter)
export class MobileController {
  constructor(
    private readonly bindings: MobileBindings,
    private readonly confirmations: CodeConfirmations,
    private readonly requests: CodeRequests,
  ) {}

  /** Sends a one-time code to the number; 202 because the binding waits for the code. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(SmsEnabledGuard)
  async requestCode(
    @CurrentCaller() caller: Caller,
    @Param(new ZodValidationPipe(nationalNumberParams)) params: NationalNumberParams,
    @Body(new ZodValidationPipe(codeRequestBody)) body: CodeRequestBody,
  ): Promise<CodeRequestReceipt> {
    return this.requests.request({
      actor: actorOf(caller),
      mobileNumber: body.mobileNumber,
      nationalNumber: params.nationalNumber,
    });
  }

  @Post('confirm')
  @HttpCode(HttpStatus.OK)
  @UseGuards(SmsEnabledGuard)
  async confirm(
    @CurrentCaller() caller: Caller,
    @Param(new ZodValidationPipe(nationalNumberParams)) params: NationalNumberParams,
    @Body(new ZodValidationPipe(codeConfirmationBody)) body: CodeConfirmationBody,
  ): Promise<MobileBindingView> {
    const binding = await this.confirmations.confirm(
      actorOf(caller),
      params.nationalNumber,
      body.code,
    );

    return toBindingView(binding);
  }

  /** Returns the binding, with the number masked for agencies, which only operators may read. */
  @Get()
  async get(
    @CurrentCaller() caller: Caller,
    @Param(new ZodValidationPipe(nationalNumberParams)) params: NationalNumberParams,
  ): Promise<MobileBindingView> {
    const view = toBindingView(await this.bindings.find(params.nationalNumber));

    return { ...view, mobileNumber: numberFor(caller, view.mobileNumber) };
  }

  @Delete()
  async unbind(
    @CurrentCaller() caller: Caller,
    @Param(new ZodValidationPipe(nationalNumberParams)) params: NationalNumberParams,
  ): Promise<UnbindView> {
    const result = await this.bindings.unbind(actorOf(caller), params.nationalNumber);

    return {
      mobileNumber: numberFor(caller, result.mobileNumber),
      nationalNumber: params.nationalNumber,
      unboundAt: result.unboundAt.toISOString(),
    };
  }
}
