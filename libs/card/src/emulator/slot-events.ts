import { CardImage } from '../application/card-image';

/**
 * How a hopper changes cards. `swap` keeps the vpcd connection and replaces the card behind
 * it, so pcscd detects no removal; `reconnect` closes the connection and opens a new one, as a
 * physical removal and insertion would look.
 */
export type HopperMode = 'swap' | 'reconnect';

/**
 * A card the feeder pulls out mid-command, as a jammed or yanked card would leave: the card
 * loaded `card`-th (1 for the first) leaves when its command APDU number `atApdu` arrives.
 */
export interface PulledCard {
  card: number;
  atApdu: number;
}

export type RemovalReason = 'requested' | 'scripted' | 'connection-lost';

export interface CardSlotOptions {
  host: string;
  port: number;
  image: CardImage;
  /** Closes the connection when the command APDU with this 1-based number arrives. */
  removeAtApdu?: number;
  /** Turns the slot into a card feeder; see `CardHopper`. */
  hopper?: { mode: HopperMode; reconnectDelayMs: number; pulledCards: readonly PulledCard[] };
}

/** Event of a card slot, as plain data so it can cross from a worker thread. */
export type SlotEvent =
  | { type: 'inserted'; image: CardImage }
  | { type: 'insert-failed'; message: string }
  | { type: 'power-on' }
  | { type: 'power-off'; image: CardImage }
  | { type: 'apdu'; command: Uint8Array; response: Uint8Array }
  | { type: 'ejected'; outcome: 'personalized' | 'spoiled'; image: CardImage }
  | { type: 'removed'; reason: RemovalReason; image: CardImage };

/** Messages from the owning thread to the slot's worker. */
export type SlotCommand = { type: 'remove' } | { type: 'read-image'; requestId: number };

/** Replies from the worker that are not slot events. */
export type SlotReply =
  | { type: 'image'; requestId: number; image: CardImage }
  | { type: 'stopped'; image: CardImage }
  | { type: 'start-failed'; message: string };
