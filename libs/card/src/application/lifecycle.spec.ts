import {
  CARD_STATUSES,
  CHIP_LIFECYCLES,
  chipLifecycleFor,
  isChipTransitionAllowed,
  type ChipLifecycle,
} from '@bitaqa/contracts';

import { commandApdu, CommandApdu, encodeCommandApdu } from '../apdu/command-apdu';
import { decodeResponseApdu, ResponseApdu } from '../apdu/response-apdu';
import { StatusWord } from '../apdu/status-words';
import { decodeTlv } from '../tlv/tlv-decoder';
import { CardApplication } from './card-application';
import { CardCommands } from './card-commands';
import { DataObjectTag, LIFECYCLE_CODES, lifecycleFromCode } from './card-constants';
import { createBlankCardImage } from './card-image';
import { FileId } from './file-table';
import { chipCommandsFor, isChipOperational } from './lifecycle-sync';

function send(card: CardApplication, command: CommandApdu): ResponseApdu {
  return decodeResponseApdu(card.processBytes(encodeCommandApdu(command)));
}

/** A card whose chip is in `lifecycle`, with the application selected. */
function cardIn(lifecycle: ChipLifecycle): CardApplication {
  const image = { ...createBlankCardImage(Buffer.from('0A0B0C0D0E0F1011', 'hex')), lifecycle };
  const card = new CardApplication(image);

  send(card, CardCommands.selectApplication());

  return card;
}

function lifecycleByte(card: CardApplication): number {
  const object = decodeTlv(send(card, CardCommands.getData(DataObjectTag.LIFECYCLE)).data);

  return object.value[0]!;
}

const COMMAND_TARGETS: [string, () => CommandApdu, ChipLifecycle][] = [
  ['ACTIVATE FILE', CardCommands.activate, 'activated'],
  ['DEACTIVATE FILE', CardCommands.deactivate, 'blocked'],
  ['TERMINATE CARD USAGE', CardCommands.terminate, 'terminated'],
];

describe('chip lifecycle codes', () => {
  it.each(CHIP_LIFECYCLES.map((state) => [state]))('reports %s through GET DATA', (state) => {
    const card = cardIn(state);

    expect(lifecycleByte(card)).toBe(LIFECYCLE_CODES[state]);
    expect(lifecycleFromCode(lifecycleByte(card))).toBe(state);
  });

  it('uses ISO 7816-4 life cycle values', () => {
    expect(LIFECYCLE_CODES).toEqual({
      activated: 0x07,
      blank: 0x01,
      blocked: 0x04,
      personalized: 0x05,
      terminated: 0x0c,
    });
  });

  it('decodes no unknown byte', () => {
    expect(lifecycleFromCode(0x02)).toBeUndefined();
  });
});

describe('chip lifecycle commands', () => {
  for (const [name, command, target] of COMMAND_TARGETS) {
    it.each(CHIP_LIFECYCLES.map((state) => [state]))(`${name} from %s`, (from) => {
      const card = cardIn(from);
      const response = send(card, command());

      if (isChipTransitionAllowed(from, target)) {
        expect(response.sw).toBe(StatusWord.SUCCESS);
        expect(card.lifecycle).toBe(target);
      } else {
        expect(response.sw).toBe(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
        expect(card.lifecycle).toBe(from);
      }
    });
  }

  it('needs the application selected', () => {
    const card = new CardApplication({ ...createBlankCardImage(), lifecycle: 'personalized' });

    expect(send(card, CardCommands.activate()).sw).toBe(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
    expect(card.lifecycle).toBe('personalized');
  });

  it('rejects parameters with 6A86', () => {
    const card = cardIn('activated');
    const command = commandApdu({ cla: 0, ins: 0x04, p1: 0, p2: 1 });

    expect(send(card, command).sw).toBe(StatusWord.INCORRECT_P1P2);
    expect(card.lifecycle).toBe('activated');
  });

  it('rejects data with 6700', () => {
    const card = cardIn('activated');
    const command = commandApdu({ cla: 0, ins: 0xfe, p1: 0, p2: 0, data: Buffer.from([0]) });

    expect(send(card, command).sw).toBe(StatusWord.WRONG_LENGTH);
    expect(card.lifecycle).toBe('activated');
  });

  it('keeps the new state in the image', () => {
    const card = cardIn('activated');

    send(card, CardCommands.deactivate());

    const copy = new CardApplication(JSON.parse(JSON.stringify(card.toImage())));

    expect(copy.lifecycle).toBe('blocked');
  });

  it.each([['blocked'], ['terminated']] as const)('locks every file when %s', (state) => {
    const card = cardIn(state);

    for (const fileId of [FileId.HOLDER_DATA, FileId.SERVICE_SLOT_FIRST]) {
      send(card, CardCommands.selectFile(fileId));

      expect(send(card, CardCommands.updateBinary(0, Buffer.from('X'))).sw).toBe(
        StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED,
      );
    }
  });

  it('reads files of a terminated card', () => {
    const card = cardIn('terminated');

    send(card, CardCommands.selectFile(FileId.CARD_NUMBER));

    expect(send(card, CardCommands.readBinary(0, 16)).sw).toBe(StatusWord.SUCCESS);
  });
});

describe('chip lifecycle sync', () => {
  const operationalStates = CHIP_LIFECYCLES.filter((state) => state !== 'blank');

  for (const status of CARD_STATUSES) {
    it.each(operationalStates.map((state) => [state]))(`brings a %s chip to ${status}`, (from) => {
      const target = chipLifecycleFor(status);
      const reachable = from === target || isChipTransitionAllowed(from, target);

      if (!reachable) {
        expect(() => chipCommandsFor(from, status)).toThrow(
          expect.objectContaining({ code: 'CHIP_LIFECYCLE_UNREACHABLE' }) as unknown as Error,
        );

        return;
      }

      const card = cardIn(from);

      for (const command of chipCommandsFor(from, status)) {
        expect(send(card, command).sw).toBe(StatusWord.SUCCESS);
      }
      expect(card.lifecycle).toBe(target);
      expect(lifecycleByte(card)).toBe(LIFECYCLE_CODES[target]);
    });
  }

  it('leaves a blank chip to personalization', () => {
    expect(chipCommandsFor('blank', 'queued')).toEqual([]);
    expect(() => chipCommandsFor('blank', 'issued')).toThrow(
      expect.objectContaining({ code: 'CHIP_LIFECYCLE_UNREACHABLE' }) as unknown as Error,
    );
  });

  it('accepts only operational chips', () => {
    const operational = CHIP_LIFECYCLES.filter(isChipOperational);

    expect(operational).toEqual(['personalized', 'activated']);
  });
});
