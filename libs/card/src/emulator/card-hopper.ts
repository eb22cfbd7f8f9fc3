import { EventEmitter } from 'node:events';

import { CardImage, createBlankCardImage } from '../application/card-image';
import { HopperMode, PulledCard, SlotEvent } from './slot-events';
import { SlotThread } from './slot-thread';

export interface CardHopperOptions {
  host?: string;
  port: number;
  /** `swap` by default: it changes cards without a removal that pcscd must notice. */
  mode?: HopperMode;
  /** Wait before putting a card back after vpcd dropped the connection. */
  reconnectDelayMs?: number;
  /** Cards to pull out mid-command, simulating jams for tests of spoiled-card handling. */
  pulledCards?: readonly PulledCard[];
}

export interface CardHopperEvents {
  /** A blank card entered the slot. */
  loaded: [CardImage];
  /** A finalized card left the slot for the output stack. */
  personalized: [CardImage];
  /** A card written to but never finalized left the slot for the reject bin. */
  spoiled: [CardImage];
  /** Putting a card into the slot failed; the hopper retries. */
  'insert-failed': [string];
}

/**
 * The card feeder of a simulated encoder, the one mechanical part the platform simulates. It
 * keeps a blank card in one vpcd slot; when a card is powered off after FINALIZE it goes to the
 * output stack and the next blank card is loaded. A card powered off after writes but without
 * FINALIZE goes to the reject bin. An untouched card stays, since pcscd also powers idle
 * cards off.
 */
export class CardHopper extends EventEmitter<CardHopperEvents> {
  readonly mode: HopperMode;
  private thread: SlotThread | null = null;
  private readonly output: CardImage[] = [];
  private readonly rejects: CardImage[] = [];
  private current: CardImage | null = null;

  constructor(private readonly options: CardHopperOptions) {
    super();
    this.mode = options.mode ?? 'swap';
  }

  /** Finalized cards in the order they left the slot. */
  get personalizedCards(): readonly CardImage[] {
    return this.output;
  }

  get spoiledCards(): readonly CardImage[] {
    return this.rejects;
  }

  /** Image of the card last loaded into the slot. */
  get loadedCard(): CardImage | null {
    return this.current;
  }

  /** Loads the first blank card; resolves once vpcd accepted it. */
  async start(): Promise<void> {
    this.thread = await SlotThread.start(
      {
        host: this.options.host ?? '127.0.0.1',
        port: this.options.port,
        image: createBlankCardImage(),
        hopper: {
          mode: this.mode,
          pulledCards: this.options.pulledCards ?? [],
          reconnectDelayMs: this.options.reconnectDelayMs ?? 1000,
        },
      },
      (event) => this.onEvent(event),
    );
  }

  /** Takes the card out of the slot and stops feeding. */
  async stop(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    await thread?.stop();
  }

  private onEvent(event: SlotEvent): void {
    switch (event.type) {
      case 'inserted':
        this.current = event.image;
        this.emit('loaded', event.image);
        break;
      case 'ejected':
        (event.outcome === 'personalized' ? this.output : this.rejects).push(event.image);
        this.emit(event.outcome, event.image);
        break;
      case 'insert-failed':
        this.emit('insert-failed', event.message);
        break;
      default:
        break;
    }
  }
}
