import { PersonalizationData } from '../../src/personalization/personalization-data';
import { sampleHolder } from './sample-holder';

/** Personalization data for card number `9760` + `serial` padded to 16 digits. */
export function personalizationData(serial = 42): PersonalizationData {
  return {
    cardNumber: `9760${String(serial).padStart(12, '0')}`,
    expiryDate: '2031-06-30',
    holder: sampleHolder(),
  };
}
