import { EventEmitter } from 'node:events';

import { CardImage } from '../application/card-image';
import { EmulatorError } from './emulator-error';
import { CardSlotOptions, RemovalReason, SlotEvent } from './slot-events';
import { SlotThread } from './slot-thread';

export interface InsertedCardEvents {
  'power-on': [];
  /** vpcd powered the card off; the image is the card's state at that moment. */
  'power-off': [CardImage];
  apdu: [{ command: Buffer; response: Buffer }];
  /** The card left the slot; `connection-lost` means vpcd closed the connection. */
  removed: [{ reason: RemovalReason; image: CardImage }];
}

export interface InsertCardOptions {
  /** vpcd host; 127.0.0.1 by default. */
  host?: string;
  /** vpcd port of the slot: the configured port for slot 0, the next one for slot 1. */
  port: number;
  /**
   * Pulls the card out when the command APDU with this 1-based number arrives, before
   * sending a response, as a holder yanking the card mid-command would.
   */
  removeAtApdu?: number;
}

/** Handle of an emulated card in a vpcd slot; the card itself runs in a worker thread. */
export class InsertedCard extends EventEmitter<InsertedCardEvents> {
  private removal: Promise<CardImage> | null = null;
  private present = true;
  private apdus = 0;

  private thread: SlotThread | null = null;

  /** Puts the card into the slot; resolves once vpcd accepted the connection. */
  async insert(options: CardSlotOptions): Promise<void> {
    this.thread = await SlotThread.start(options, (event) => this.onEvent(event));
  }

  get inserted(): boolean {
    return this.present;
  }

  /** Number of command APDUs the card processed since insertion. */
  get apduCount(): number {
    return this.apdus;
  }

  /** Current state of the card. */
  readImage(): Promise<CardImage> {
    return this.slot().readImage();
  }

  /** Pulls the card out of the slot; resolves with its final image. */
  remove(): Promise<CardImage> {
    this.removal ??= this.slot().stop();

    return this.removal;
  }

  private slot(): SlotThread {
    if (this.thread === null) {
      throw new EmulatorError('CARD_NOT_INSERTED', 'card was never inserted; call insertCard()');
    }

    return this.thread;
  }

  private onEvent(event: SlotEvent): void {
    switch (event.type) {
      case 'power-on':
        this.emit('power-on');
        break;
      case 'power-off':
        this.emit('power-off', event.image);
        break;
      case 'apdu':
        this.apdus++;
        this.emit('apdu', {
          command: Buffer.from(event.command),
          response: Buffer.from(event.response),
        });
        break;
      case 'removed':
        this.present = false;
        this.emit('removed', { reason: event.reason, image: event.image });
        break;
      default:
        break;
    }
  }
}

/**
 * Inserts a card into a vpcd slot, as a TCP client of vpcd running in a worker thread;
 * resolves once vpcd accepted the connection.
 */
export async function insertCard(
  image: CardImage,
  options: InsertCardOptions,
): Promise<InsertedCard> {
  const card = new InsertedCard();
  await card.insert({
    host: options.host ?? '127.0.0.1',
    port: options.port,
    image,
    ...(options.removeAtApdu === undefined ? {} : { removeAtApdu: options.removeAtApdu }),
  });

  return card;
}
