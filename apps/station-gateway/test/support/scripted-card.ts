import { connect, type Socket } from 'node:net';

import { BITAQA_ATR, CardApplication, type CardImage } from '@bitaqa/card';
import { serviceAddresses } from '@bitaqa/testing';

/** vpcd control byte requesting the ATR, the only control message that needs a reply. */
const GET_ATR = 0x04;
const POWER_OFF = 0x00;
const RESET = 0x02;
const NO_PRECISE_DIAGNOSIS = Buffer.from([0x6f, 0x00]);

/** Returns response bytes for a command APDU, or undefined to let the card application respond. */
export type ResponseOverride = (command: Buffer) => Buffer | undefined;

function frame(payload: Buffer): Buffer {
  const header = Buffer.alloc(2);

  header.writeUInt16BE(payload.length);

  return Buffer.concat([header, payload]);
}

/**
 * A card in the station's vpcd slot that runs the real card application but lets a test answer
 * chosen commands itself, as a tampered card would: for example a card that replays an
 * INTERNAL AUTHENTICATE response it recorded earlier.
 */
export class ScriptedCard {
  private buffered = Buffer.alloc(0);
  private readonly closed: Promise<void>;

  private constructor(
    private readonly socket: Socket,
    private readonly application: CardApplication,
    private readonly override: ResponseOverride,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Connects to vpcd's second slot, which inserts the card into the station's reader. */
  static insert(image: CardImage, override: ResponseOverride): Promise<ScriptedCard> {
    const { vpcdHost, vpcdPort } = serviceAddresses();
    // Built before connecting: a bad image then fails here, not inside vpcd's session.
    const application = new CardApplication(image);

    return new Promise((resolve, reject) => {
      const socket = connect({ host: vpcdHost, port: vpcdPort + 1 });

      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new ScriptedCard(socket, application, override));
      });
    });
  }

  /** Closes the connection, which takes the card out of the slot. */
  remove(): Promise<void> {
    this.socket.destroy();

    return this.closed;
  }

  private receive(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);

    while (this.buffered.length >= 2) {
      const length = this.buffered.readUInt16BE(0);

      if (this.buffered.length < 2 + length) return;

      const payload = this.buffered.subarray(2, 2 + length);

      this.buffered = this.buffered.subarray(2 + length);
      this.handle(Buffer.from(payload));
    }
  }

  private handle(payload: Buffer): void {
    if (payload.length === 1) {
      if (payload[0] === GET_ATR) this.socket.write(frame(BITAQA_ATR));
      if (payload[0] === POWER_OFF || payload[0] === RESET) this.application.resetSession();

      return;
    }

    // vpcd waits for a response without a time limit, so a failing override still gets one.
    let response: Buffer;

    try {
      response = this.override(payload) ?? this.application.processBytes(payload);
    } catch {
      response = NO_PRECISE_DIAGNOSIS;
    }

    this.socket.write(frame(response));
  }
}
