import { commandApdu, CommandApdu, encodeCommandApdu } from '../apdu/command-apdu';
import { decodeResponseApdu, ResponseApdu } from '../apdu/response-apdu';
import { StatusWord } from '../apdu/status-words';
import { decodeTlv } from '../tlv/tlv-decoder';
import { requireChild } from '../tlv/tlv-query';
import { CardApplication } from './card-application';
import { CardCommands } from './card-commands';
import { BITAQA_AID, DataObjectTag } from './card-constants';
import { createBlankCardImage } from './card-image';
import { FileId } from './file-table';

function send(card: CardApplication, command: CommandApdu): ResponseApdu {
  return decodeResponseApdu(card.processBytes(encodeCommandApdu(command)));
}

function blankCard(): CardApplication {
  return new CardApplication(createBlankCardImage(Buffer.from('0102030405060708', 'hex')));
}

function selectedCard(): CardApplication {
  const card = blankCard();
  send(card, CardCommands.selectApplication());

  return card;
}

function write(card: CardApplication, fileId: number, data: Buffer): void {
  expect(send(card, CardCommands.selectFile(fileId)).sw).toBe(StatusWord.SUCCESS);
  expect(send(card, CardCommands.updateBinary(0, data)).sw).toBe(StatusWord.SUCCESS);
}

function writeMandatoryFiles(card: CardApplication): void {
  write(card, FileId.HOLDER_DATA, Buffer.from('E100', 'hex'));
  write(card, FileId.CARD_NUMBER, Buffer.from('100000000042'));
  write(card, FileId.EXPIRY, Buffer.from('310630'));
  write(card, FileId.MRZ, Buffer.alloc(90, 0x3c));
}

describe('card application SELECT', () => {
  it('selects by AID and returns the FCI', () => {
    const response = send(blankCard(), CardCommands.selectApplication());
    const fci = decodeTlv(response.data);

    expect(response.sw).toBe(StatusWord.SUCCESS);
    expect(fci.tag).toBe(0x6f);
    expect(requireChild(fci, 0x84).value).toEqual(BITAQA_AID);
  });

  it('rejects an unknown AID with 6A82', () => {
    const command = commandApdu({
      cla: 0,
      ins: 0xa4,
      p1: 4,
      p2: 0,
      data: Buffer.from('A000000003', 'hex'),
      ne: 256,
    });

    expect(send(blankCard(), command).sw).toBe(StatusWord.FILE_NOT_FOUND);
  });

  it('rejects an AID shorter than 5 bytes with 6700', () => {
    const command = commandApdu({
      cla: 0,
      ins: 0xa4,
      p1: 4,
      p2: 0,
      data: Buffer.from('F042', 'hex'),
    });

    expect(send(blankCard(), command).sw).toBe(StatusWord.WRONG_LENGTH);
  });

  it('rejects an unsupported P2 with 6A86', () => {
    const command = commandApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0x02, data: BITAQA_AID });

    expect(send(blankCard(), command).sw).toBe(StatusWord.INCORRECT_P1P2);
  });

  it('answers 61xx without Le, then GET RESPONSE returns the FCI', () => {
    const card = blankCard();
    const command = commandApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0, data: BITAQA_AID });
    const first = send(card, command);
    const rest = send(card, CardCommands.getResponse(first.sw & 0xff));

    expect(first.sw >> 8).toBe(0x61);
    expect(rest.sw).toBe(StatusWord.SUCCESS);
    expect(decodeTlv(rest.data).tag).toBe(0x6f);
  });

  it('answers 6Cxx when Le is too small', () => {
    const command = commandApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0, data: BITAQA_AID, ne: 2 });
    const response = send(blankCard(), command);

    expect(response.sw >> 8).toBe(0x6c);
    expect(response.sw & 0xff).toBe(2 + 2 + BITAQA_AID.length);
  });

  it('does not find files before the application is selected', () => {
    expect(send(blankCard(), CardCommands.selectFile(FileId.HOLDER_DATA)).sw).toBe(
      StatusWord.FILE_NOT_FOUND,
    );
  });

  it('does not find unknown files', () => {
    expect(send(selectedCard(), CardCommands.selectFile(0x0106)).sw).toBe(
      StatusWord.FILE_NOT_FOUND,
    );
  });

  it('returns the FCP with the file size', () => {
    const command = commandApdu({
      cla: 0,
      ins: 0xa4,
      p1: 2,
      p2: 4,
      data: Buffer.from('0104', 'hex'),
      ne: 256,
    });
    const fcp = decodeTlv(send(selectedCard(), command).data);

    expect(requireChild(fcp, 0x80).value.readUInt16BE(0)).toBe(90);
    expect(requireChild(fcp, 0x83).value.readUInt16BE(0)).toBe(FileId.MRZ);
  });
});

describe('card application binary files', () => {
  it('reads back what was written', () => {
    const card = selectedCard();
    write(card, FileId.CARD_NUMBER, Buffer.from('100000000042'));
    const response = send(card, CardCommands.readBinary(0, 12));

    expect(response.sw).toBe(StatusWord.SUCCESS);
    expect(response.data.toString()).toBe('100000000042');
  });

  it('writes at an offset', () => {
    const card = selectedCard();
    write(card, FileId.EXPIRY, Buffer.from('000000'));
    send(card, CardCommands.updateBinary(2, Buffer.from('12')));

    expect(send(card, CardCommands.readBinary(0, 6)).data.toString()).toBe('001200');
  });

  it('returns the rest of the file with 6282 at its end', () => {
    const card = selectedCard();
    send(card, CardCommands.selectFile(FileId.EXPIRY));
    const response = send(card, CardCommands.readBinary(4, 10));

    expect(response.sw).toBe(StatusWord.END_OF_FILE_REACHED);
    expect(response.data).toHaveLength(2);
  });

  it('reads a whole file with an extended Le', () => {
    const card = selectedCard();
    send(card, CardCommands.selectFile(FileId.HOLDER_DATA));
    const response = send(card, CardCommands.readBinary(0, 1024));

    expect(response.sw).toBe(StatusWord.SUCCESS);
    expect(response.data).toHaveLength(1024);
  });

  it('rejects an offset past the end with 6B00', () => {
    const card = selectedCard();
    send(card, CardCommands.selectFile(FileId.EXPIRY));

    expect(send(card, CardCommands.readBinary(6, 1)).sw).toBe(StatusWord.WRONG_OFFSET);
    expect(send(card, CardCommands.updateBinary(7, Buffer.from('1'))).sw).toBe(
      StatusWord.WRONG_OFFSET,
    );
  });

  it('rejects a write running past the end with 6700 and keeps the file', () => {
    const card = selectedCard();
    send(card, CardCommands.selectFile(FileId.EXPIRY));
    const response = send(card, CardCommands.updateBinary(4, Buffer.from('123')));

    expect(response.sw).toBe(StatusWord.WRONG_LENGTH);
    expect(send(card, CardCommands.readBinary(0, 6)).data).toEqual(Buffer.alloc(6));
    expect(card.updateCount).toBe(0);
  });

  it('rejects reads without a current EF with 6986', () => {
    expect(send(selectedCard(), CardCommands.readBinary(0, 1)).sw).toBe(
      StatusWord.COMMAND_NOT_ALLOWED_NO_CURRENT_EF,
    );
  });

  it('rejects short EF addressing with 6A86', () => {
    const card = selectedCard();
    send(card, CardCommands.selectFile(FileId.EXPIRY));
    const command = commandApdu({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, ne: 1 });

    expect(send(card, command).sw).toBe(StatusWord.INCORRECT_P1P2);
  });

  it('forgets the selection after a power cycle', () => {
    const card = selectedCard();
    send(card, CardCommands.selectFile(FileId.EXPIRY));
    card.resetSession();

    expect(send(card, CardCommands.readBinary(0, 1)).sw).toBe(
      StatusWord.COMMAND_NOT_ALLOWED_NO_CURRENT_EF,
    );
  });
});

describe('card application data and lifecycle', () => {
  it('GET CHALLENGE returns 8 fresh random bytes', () => {
    const card = blankCard();
    const first = send(card, CardCommands.getChallenge());
    const second = send(card, CardCommands.getChallenge());

    expect(first.sw).toBe(StatusWord.SUCCESS);
    expect(first.data).toHaveLength(8);
    expect(first.data.equals(second.data)).toBe(false);
  });

  it('GET CHALLENGE rejects another length with 6700', () => {
    expect(send(blankCard(), commandApdu({ cla: 0, ins: 0x84, p1: 0, p2: 0, ne: 16 })).sw).toBe(
      StatusWord.WRONG_LENGTH,
    );
  });

  it('GET DATA returns lifecycle and serial objects', () => {
    const card = selectedCard();
    const lifecycle = decodeTlv(send(card, CardCommands.getData(DataObjectTag.LIFECYCLE)).data);
    const serial = decodeTlv(send(card, CardCommands.getData(DataObjectTag.SERIAL)).data);

    expect(lifecycle.tag).toBe(DataObjectTag.LIFECYCLE);
    expect(lifecycle.value).toEqual(Buffer.from([0x01]));
    expect(serial.value.toString('hex')).toBe('0102030405060708');
  });

  it('GET DATA needs the application selected', () => {
    expect(send(blankCard(), CardCommands.getData(DataObjectTag.SERIAL)).sw).toBe(
      StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED,
    );
  });

  it('GET DATA rejects unknown tags with 6A86', () => {
    const command = commandApdu({ cla: 0x80, ins: 0xca, p1: 0xdf, p2: 0x7f, ne: 256 });

    expect(send(selectedCard(), command).sw).toBe(StatusWord.INCORRECT_P1P2);
  });

  it('FINALIZE rejects a card with empty holder files', () => {
    const card = selectedCard();
    write(card, FileId.CARD_NUMBER, Buffer.from('100000000042'));

    expect(send(card, CardCommands.finalizePersonalization()).sw).toBe(
      StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED,
    );
    expect(card.lifecycle).toBe('blank');
  });

  it('FINALIZE locks holder files with 6985 and service slots with 6982', () => {
    const card = selectedCard();
    writeMandatoryFiles(card);

    expect(send(card, CardCommands.finalizePersonalization()).sw).toBe(StatusWord.SUCCESS);
    expect(card.lifecycle).toBe('personalized');
    send(card, CardCommands.selectFile(FileId.MRZ));
    expect(send(card, CardCommands.updateBinary(0, Buffer.from('X'))).sw).toBe(
      StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED,
    );
    send(card, CardCommands.selectFile(FileId.SERVICE_SLOT_FIRST));
    expect(send(card, CardCommands.updateBinary(0, Buffer.from('X'))).sw).toBe(
      StatusWord.SECURITY_STATUS_NOT_SATISFIED,
    );
    expect(send(card, CardCommands.finalizePersonalization()).sw).toBe(
      StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED,
    );
  });

  it('reports personalized after FINALIZE', () => {
    const card = selectedCard();
    writeMandatoryFiles(card);
    send(card, CardCommands.finalizePersonalization());

    expect(send(card, CardCommands.getData(DataObjectTag.LIFECYCLE)).data).toEqual(
      Buffer.from('DF210105', 'hex'),
    );
  });

  it('keeps its state in the image', () => {
    const card = selectedCard();
    writeMandatoryFiles(card);
    send(card, CardCommands.finalizePersonalization());
    const copy = new CardApplication(JSON.parse(JSON.stringify(card.toImage())));
    send(copy, CardCommands.selectApplication());
    send(copy, CardCommands.selectFile(FileId.CARD_NUMBER));

    expect(copy.lifecycle).toBe('personalized');
    expect(copy.serial).toBe('0102030405060708');
    expect(copy.updateCount).toBe(4);
    expect(send(copy, CardCommands.readBinary(0, 12)).data.toString()).toBe('100000000042');
  });
});

describe('card application errors', () => {
  it('rejects unknown INS with 6D00', () => {
    expect(send(blankCard(), commandApdu({ cla: 0, ins: 0x20, p1: 0, p2: 0 })).sw).toBe(
      StatusWord.INS_NOT_SUPPORTED,
    );
  });

  it('rejects a proprietary INS under CLA 00 with 6D00', () => {
    expect(send(blankCard(), commandApdu({ cla: 0, ins: 0xf0, p1: 0, p2: 0 })).sw).toBe(
      StatusWord.INS_NOT_SUPPORTED,
    );
  });

  it('rejects unknown CLA with 6E00', () => {
    expect(send(blankCard(), commandApdu({ cla: 0x0c, ins: 0xa4, p1: 4, p2: 0 })).sw).toBe(
      StatusWord.CLA_NOT_SUPPORTED,
    );
  });

  it('answers malformed bytes with 6700', () => {
    expect(decodeResponseApdu(blankCard().processBytes(Buffer.from('00D6000005', 'hex'))).sw).toBe(
      0x6700,
    );
  });

  it('GET RESPONSE without pending data gets 6985', () => {
    expect(send(blankCard(), CardCommands.getResponse(16)).sw).toBe(
      StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED,
    );
  });

  it('rejects an image with a file of the wrong size', () => {
    const image = createBlankCardImage();
    image.files['0103'] = '00';

    expect(() => new CardApplication(image)).toThrow(
      expect.objectContaining({ code: 'CARD_IMAGE_INVALID' }) as unknown as Error,
    );
  });
});
