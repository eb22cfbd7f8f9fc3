import { CardHopper, FileId, formatFileId, type CardImage } from '@bitaqa/card';

/** Card number stored in a personalized card image (ASCII digits padded with 00 bytes). */
export function cardNumberOf(image: CardImage): string {
  const hex = image.files[formatFileId(FileId.CARD_NUMBER)] ?? '';

  return Buffer.from(hex, 'hex').toString('ascii').replace(/\0+$/, '');
}

/**
 * The encoder's card feeder and output stack: keeps a blank card in the encoder's slot and
 * collects every personalized card by its card number, as an issuing office would.
 */
export class CardOutputStack {
  private readonly cards = new Map<string, CardImage>();
  private readonly hopper: CardHopper;
  private spoiled = 0;

  constructor(host: string, port: number) {
    this.hopper = new CardHopper({ host, port });
    this.hopper.on('personalized', (image) => this.cards.set(cardNumberOf(image), image));
    this.hopper.on('spoiled', () => {
      this.spoiled += 1;
    });
  }

  get personalizedCount(): number {
    return this.cards.size;
  }

  get spoiledCount(): number {
    return this.spoiled;
  }

  card(cardNumber: string): CardImage | undefined {
    return this.cards.get(cardNumber);
  }

  cardNumbers(): string[] {
    return [...this.cards.keys()];
  }

  start(): Promise<void> {
    return this.hopper.start();
  }

  stop(): Promise<void> {
    return this.hopper.stop();
  }
}
