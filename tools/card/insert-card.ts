import { readFileSync, writeFileSync } from 'node:fs';

import {
  CardImage,
  createBlankCardImage,
  DEFAULT_VPCD_PORT,
  insertCard,
  parseCardImage,
} from '@bitaqa/card';
import { createLogger, errorFields } from '@bitaqa/observability';

import { integerOption, parseOptions } from './cli-args';

const USAGE = `usage: insert-card [--image card.json] [--save card.json] [--slot 0|1] [--port ${DEFAULT_VPCD_PORT}] [--host 127.0.0.1]
Inserts a card into a vpcd slot (a blank one unless --image names a saved card image) and keeps
it there until Ctrl-C, then saves the card's final image to --save if given.`;

const logger = createLogger('insert-card');

async function main(): Promise<void> {
  const options = parseOptions(
    process.argv.slice(2),
    ['image', 'save', 'slot', 'port', 'host'],
    USAGE,
  );
  const imagePath = options.get('image');
  const image: CardImage =
    imagePath === undefined
      ? createBlankCardImage()
      : parseCardImage(JSON.parse(readFileSync(imagePath, 'utf8'))).image;
  const port =
    integerOption(options, 'port', DEFAULT_VPCD_PORT, USAGE) +
    integerOption(options, 'slot', 0, USAGE);
  const card = await insertCard(image, { host: options.get('host') ?? '127.0.0.1', port });
  logger.info({ lifecycle: image.lifecycle, port, serial: image.serial }, 'card inserted');
  card.on('power-on', () => logger.info({ serial: image.serial }, 'card powered on'));
  card.on('power-off', (state) =>
    logger.info({ lifecycle: state.lifecycle, serial: state.serial }, 'card powered off'),
  );
  card.on('removed', ({ reason }) => {
    if (reason === 'requested') {
      logger.info({ reason, serial: image.serial }, 'card removed');

      return;
    }

    logger.error({ reason, serial: image.serial }, 'card removed');
    process.exitCode = 1;
  });

  process.once('SIGINT', () => {
    void card.remove().then((last) => {
      const savePath = options.get('save');
      if (savePath !== undefined) {
        writeFileSync(savePath, `${JSON.stringify(last, null, 2)}\n`);
        logger.info({ path: savePath, serial: last.serial }, 'card image saved');
      }
    });
  });
}

main().catch((error: unknown) => {
  logger.error({ err: errorFields(error) }, 'insert-card failed');
  process.exit(1);
});
