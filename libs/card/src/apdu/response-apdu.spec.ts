import { ApduError } from './apdu-error';
import {
  decodeResponseApdu,
  encodeResponseApdu,
  expectStatus,
  responseApdu,
} from './response-apdu';
import { describeStatusWord, StatusWord } from './status-words';

describe('response APDU', () => {
  it('splits data and status word', () => {
    const response = decodeResponseApdu(Buffer.from('01029000', 'hex'));

    expect(response.data.toString('hex')).toBe('0102');
    expect(response.sw).toBe(StatusWord.SUCCESS);
  });

  it('encodes data then SW1 SW2', () => {
    expect(encodeResponseApdu(responseApdu(0x6a82, Buffer.from([7])))).toEqual(
      Buffer.from('076a82', 'hex'),
    );
  });

  it.each([0, 1])('rejects %i bytes as a vanished card', (length) => {
    let caught: unknown;
    try {
      decodeResponseApdu(Buffer.alloc(length));
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ApduError);
    expect((caught as ApduError).code).toBe('RESPONSE_TOO_SHORT');
  });

  it('expectStatus names the operation and status word', () => {
    const check = () => expectStatus(responseApdu(0x6a82), 'SELECT EF 0101');

    expect(check).toThrow('SELECT EF 0101 failed with status word 6A82 FILE_NOT_FOUND');
  });

  it('expectStatus accepts listed warnings', () => {
    const response = responseApdu(StatusWord.END_OF_FILE_REACHED);

    expect(expectStatus(response, 'READ', [0x9000, 0x6282])).toBe(response);
  });

  it.each([
    [0x6982, '6982 SECURITY_STATUS_NOT_SATISFIED'],
    [0x6d00, '6D00 INS_NOT_SUPPORTED'],
    [0x6b00, '6B00 WRONG_OFFSET'],
    [0x6110, '6110 BYTES_REMAINING(16)'],
    [0x6c08, '6C08 WRONG_LE(8)'],
    [0x6400, '6400'],
  ])('describes %s', (sw, text) => {
    expect(describeStatusWord(sw)).toBe(text);
  });
});
