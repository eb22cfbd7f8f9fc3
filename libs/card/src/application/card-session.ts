import { CommandApdu } from '../apdu/command-apdu';
import { ResponseApdu } from '../apdu/response-apdu';
import { newSecuritySession, SecuritySession } from '../secure/security-session';
import { Lifecycle } from './card-constants';
import { FileDefinition } from './file-table';

/** Persistent card state, kept across power cycles. */
export interface CardState {
  serial: Buffer;
  lifecycle: Lifecycle;
  updateCount: number;
  files: Map<number, Buffer>;
}

/** Volatile state, cleared by power off and reset. */
export interface SessionState {
  applicationSelected: boolean;
  currentFile: FileDefinition | null;
  /** Response data waiting for GET RESPONSE after a 61xx status. */
  pendingResponse: Buffer | null;
  security: SecuritySession;
}

export interface CommandContext {
  card: CardState;
  session: SessionState;
  random: (length: number) => Buffer;
}

export type CommandHandler = (context: CommandContext, command: CommandApdu) => ResponseApdu;

export function newSession(): SessionState {
  return {
    applicationSelected: false,
    currentFile: null,
    pendingResponse: null,
    security: newSecuritySession(),
  };
}
