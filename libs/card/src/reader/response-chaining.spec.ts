import { commandApdu, CommandApdu } from '../apdu/command-apdu';
import { CardCommands } from '../application/card-commands';
import { BITAQA_AID } from '../application/card-constants';
import { createBlankCardImage } from '../application/card-image';
import { LocalCardTransport } from '../emulator/local-card-transport';
import { transmitWithChaining } from './response-chaining';

describe('response chaining', () => {
  it('follows 61xx with GET RESPONSE', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    const select = commandApdu({ cla: 0, ins: 0xa4, p1: 4, p2: 0, data: BITAQA_AID });
    const response = await card.transmit(select);

    expect(response.sw).toBe(0x9000);
    expect(response.data.subarray(0, 2)).toEqual(Buffer.from([0x6f, 2 + BITAQA_AID.length]));
    expect(card.apduCount).toBe(2);
  });

  it('repeats the command after 6Cxx', async () => {
    const card = new LocalCardTransport(createBlankCardImage());
    const response = await card.transmit({ ...CardCommands.selectApplication(), ne: 1 });

    expect(response.sw).toBe(0x9000);
    expect(response.data).toHaveLength(2 + 2 + BITAQA_AID.length);
  });

  it('stops a card that answers 61xx forever', async () => {
    const sent: CommandApdu[] = [];
    const endless = async (command: CommandApdu) => {
      sent.push(command);

      return { data: Buffer.from([1]), sw: 0x6101 };
    };

    await expect(transmitWithChaining(endless, CardCommands.getChallenge())).rejects.toMatchObject({
      code: 'CARD_UNRESPONSIVE',
    });
    expect(sent).toHaveLength(257);
  });
});
