import { Controller, Get, Inject, Param } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { NotFoundError } from '@bitaqa/http';

import { ReaderScopes } from '../auth/scopes';
import type { ReaderGatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../infrastructure/tokens';

import type { EncoderState } from './encoder';
import { EncoderRepository } from './encoder.repository';
import { EncoderSupervisor } from './encoder-supervisor.service';

export interface EncoderView extends EncoderState {
  /** Command APDUs sent since the gateway started, and their total round-trip time. */
  apdus: { count: number; roundTripMs: number };
  /** True while pcscd lists the encoder's reader. */
  readerPresent: boolean;
  /** Mode of the simulated card feeder, or null for a real encoder's feeder. */
  simulatedFeeder: 'reconnect' | 'swap' | null;
}

/** Live status of this gateway's encoders; clients poll it. */
@Controller('encoders')
@RequireScopes(ReaderScopes.operate)
export class EncodersController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: ReaderGatewayConfig,
    private readonly encoders: EncoderRepository,
    private readonly supervisor: EncoderSupervisor,
  ) {}

  /** Lists this gateway's encoders with their status and card counts. */
  @Get()
  async list(): Promise<{ encoders: EncoderView[] }> {
    const states = await this.encoders.list(this.config.encoders.map((encoder) => encoder.id));

    return { encoders: states.map((state) => this.view(state)) };
  }

  @Get(':encoderId')
  async find(@Param('encoderId') encoderId: string): Promise<EncoderView> {
    const configured = this.config.encoders.some((encoder) => encoder.id === encoderId);
    const [state] = configured ? await this.encoders.list([encoderId]) : [];
    if (state === undefined) {
      throw new NotFoundError(
        'ENCODER_NOT_FOUND',
        `encoder ${encoderId} not found at this gateway`,
        {
          field: 'encoderId',
          hint: 'GET /encoders lists the encoders',
          value: encoderId,
        },
      );
    }

    return this.view(state);
  }

  /** Adds the fields held only in this process: reader presence, last sighting, APDU timing. */
  private view(state: EncoderState): EncoderView {
    const feeder = this.config.encoders.find((encoder) => encoder.id === state.id)?.feeder;
    const readers = this.supervisor.readers;
    const seen = readers.lastSeenAt(state.readerName);
    const timing = this.supervisor.apduTiming(state.id);

    return {
      ...state,
      apdus: { count: timing?.apdus ?? 0, roundTripMs: timing?.roundTripMs ?? 0 },
      lastSeenAt: seen?.toISOString() ?? state.lastSeenAt,
      readerPresent: readers.isPresent(state.readerName),
      simulatedFeeder: feeder?.mode ?? null,
    };
  }
}
