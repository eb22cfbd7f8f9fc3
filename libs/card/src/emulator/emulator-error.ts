import { CardError } from '../card-error';

export type EmulatorErrorCode = 'VPCD_UNREACHABLE' | 'CARD_NOT_INSERTED';

export class EmulatorError extends CardError<EmulatorErrorCode> {}
