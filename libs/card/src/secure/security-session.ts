import { ChannelChain } from './secure-messaging';

/** Volatile security state of the card, cleared with the rest of the session at power off. */
export interface SecuritySession {
  /** Card challenge from the last GET CHALLENGE; the next MUTUAL AUTHENTICATE consumes it. */
  challenge: Buffer | null;
  /** Open secure channel after a successful MUTUAL AUTHENTICATE. */
  channel: ChannelChain | null;
  /** True while the card executes a command that arrived through the secure channel. */
  secured: boolean;
}

export function newSecuritySession(): SecuritySession {
  return { challenge: null, channel: null, secured: false };
}
