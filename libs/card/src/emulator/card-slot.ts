import { setTimeout as sleep } from 'node:timers/promises';

import { CardApplication } from '../application/card-application';
import { BITAQA_ATR } from '../application/card-constants';
import { CardImage, createBlankCardImage } from '../application/card-image';
import { CardSlotOptions, HopperMode, RemovalReason, SlotEvent } from './slot-events';
import { VpcdConnection } from './vpcd-connection';
import { VpcdControl } from './vpcd-framing';

/**
 * Pause between closing a card's connection and opening the next one, so pcscd's periodic
 * presence poll detects the empty slot. In tests with pcsc-lite 1.9.9, a card connected right after
 * a card pulled mid-command sometimes never became usable (waits for it timed out).
 */
const REMOVAL_SETTLE_MS = 1000;

/**
 * A vpcd slot with an emulated card in it. Every command gets a response, since vpcd waits for
 * one without a timeout. In hopper mode the slot also feeds cards: a card powered off after
 * FINALIZE or after writes leaves the slot and a new blank one takes its place.
 */
export class CardSlot {
  private application: CardApplication;
  private connection: VpcdConnection | null = null;
  private removal: RemovalReason | null = null;
  private apdus = 0;
  private stopped = false;
  /** 1 for the first card in the slot, counting every card a hopper loads. */
  private cardNumber = 1;

  constructor(
    private readonly options: CardSlotOptions,
    private readonly notify: (event: SlotEvent) => void,
  ) {
    this.application = new CardApplication(options.image);
  }

  get image(): CardImage {
    return this.application.toImage();
  }

  /** Connects to vpcd with the first card; rejects when vpcd cannot be reached. */
  async start(): Promise<void> {
    await this.connect();
    this.notify({ type: 'inserted', image: this.image });
  }

  /** Pulls the card out and stops feeding; resolves with the card's last image. */
  async stop(): Promise<CardImage> {
    this.stopped = true;
    this.removal ??= 'requested';
    await this.connection?.close();

    return this.image;
  }

  private async connect(): Promise<void> {
    this.removal = null;
    this.apdus = 0;
    const connection = await VpcdConnection.open(this.options.host, this.options.port, {
      onControl: (control) => this.onControl(control),
      onApdu: (command) => this.onApdu(command),
      onClose: () => this.onClose(connection),
    });
    this.connection = connection;
  }

  private onControl(control: number): void {
    switch (control) {
      case VpcdControl.POWER_OFF:
        this.application.resetSession();
        this.notify({ type: 'power-off', image: this.image });
        this.ejectIfDone();
        break;
      case VpcdControl.POWER_ON:
        this.application.resetSession();
        this.notify({ type: 'power-on' });
        break;
      case VpcdControl.RESET:
        this.application.resetSession();
        break;
      case VpcdControl.GET_ATR:
        this.connection?.send(BITAQA_ATR);
        break;
      default:
        break;
    }
  }

  private onApdu(command: Buffer): void {
    this.apdus++;
    if (this.options.removeAtApdu !== undefined && this.apdus >= this.options.removeAtApdu) {
      this.removal = 'scripted';
      void this.connection?.close();

      return;
    }

    const pulled = this.options.hopper?.pulledCards.some(
      (fault) => fault.card === this.cardNumber && fault.atApdu === this.apdus,
    );
    if (pulled === true) {
      // A pulled card leaves mid-command, so pcscd must see a removal whatever the mode.
      this.eject('spoiled', 'reconnect');

      return;
    }

    const response = this.application.processBytes(command);
    this.connection?.send(response);
    this.notify({ type: 'apdu', command, response });
  }

  /** In hopper mode, moves a finalized or written card out and loads a blank one. */
  private ejectIfDone(): void {
    const image = this.image;
    if (this.options.hopper === undefined || this.stopped) {
      return;
    }

    if (image.lifecycle === 'personalized') {
      this.eject('personalized', this.options.hopper.mode);
    } else if (image.updateCount > 0) {
      this.eject('spoiled', this.options.hopper.mode);
    }
  }

  /**
   * Moves the card to the output stack or the reject bin and loads a blank one, either behind
   * the open connection (`swap`) or through a new connection (`reconnect`).
   */
  private eject(outcome: 'personalized' | 'spoiled', mode: HopperMode): void {
    this.notify({ type: 'ejected', outcome, image: this.image });
    this.cardNumber++;
    this.apdus = 0;
    const next = createBlankCardImage();
    if (mode === 'swap') {
      // Swapping inside the power-off handler happens before vpcd's next frame is read.
      this.application = new CardApplication(next);
      this.notify({ type: 'inserted', image: next });

      return;
    }

    this.removal = 'requested';
    const old = this.connection;
    void old
      ?.close()
      .then(() => sleep(REMOVAL_SETTLE_MS))
      .then(() => this.insertWithRetry(next));
  }

  private async insertWithRetry(image: CardImage): Promise<void> {
    this.application = new CardApplication(image);
    while (!this.stopped) {
      try {
        await this.connect();
        this.notify({ type: 'inserted', image });

        return;
      } catch (error) {
        this.notify({
          type: 'insert-failed',
          message: error instanceof Error ? error.message : String(error),
        });
        await new Promise((resolve) =>
          setTimeout(resolve, this.options.hopper?.reconnectDelayMs ?? 1000),
        );
      }
    }
  }

  private onClose(connection: VpcdConnection): void {
    if (connection !== this.connection) {
      return;
    }

    this.connection = null;
    const reason = this.removal ?? 'connection-lost';
    if (this.options.hopper !== undefined && !this.stopped && reason === 'connection-lost') {
      // pcscd went away; the card stays in the feeder and goes back once vpcd listens again.
      void this.insertWithRetry(this.image);

      return;
    }

    if (this.options.hopper === undefined || this.stopped) {
      this.notify({ type: 'removed', reason, image: this.image });
    }
  }
}
