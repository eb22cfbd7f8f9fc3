import { connect, Socket } from 'node:net';

import { encodeVpcdFrame, VpcdFrameDecoder } from './vpcd-framing';

export interface VpcdConnectionHandlers {
  /** A one-byte control frame from vpcd. */
  onControl(control: number): void;
  /** A command APDU; the handler sends the response with `send`. */
  onApdu(command: Buffer): void;
  onClose(): void;
}

/** One TCP connection to a vpcd slot: the card is in the slot while it is open. */
export class VpcdConnection {
  private readonly decoder = new VpcdFrameDecoder();
  private closing = false;
  readonly closed: Promise<void>;

  private constructor(
    private readonly socket: Socket,
    handlers: VpcdConnectionHandlers,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      for (const frame of this.decoder.push(chunk)) {
        if (this.closing) {
          return;
        }

        if (frame.length === 1) {
          handlers.onControl(frame[0]!);
        } else if (frame.length > 1) {
          handlers.onApdu(frame);
        }
      }
    });
    // A reset by vpcd ends the connection like a close does; the 'close' handler reports it.
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.closing = true;
        handlers.onClose();
        resolve();
      }),
    );
  }

  static open(
    host: string,
    port: number,
    handlers: VpcdConnectionHandlers,
    timeoutMs = 5000,
  ): Promise<VpcdConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      socket.setTimeout(timeoutMs, () =>
        socket.destroy(new Error(`connect timed out after ${timeoutMs} ms`)),
      );
      const onError = (error: Error) => reject(error);
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.setTimeout(0);
        socket.off('error', onError);
        resolve(new VpcdConnection(socket, handlers));
      });
    });
  }

  send(payload: Buffer): void {
    if (!this.closing) {
      this.socket.write(encodeVpcdFrame(payload));
    }
  }

  /** Closes the connection, which pulls the card out of the slot. */
  close(): Promise<void> {
    this.closing = true;
    this.socket.destroy();

    return this.closed;
  }
}
