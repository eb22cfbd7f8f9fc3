import { RowReader } from './row-reader';

const TODAY = '2026-12-04';

function readName(value: string): { name: string | null | undefined; codes: string[] } {
  const row = new RowReader([value], { given_name_ar: 0 }, 2, TODAY);
  const name = row.arabicName('given_name_ar', true);

  return { codes: row.problems.map((problem) => problem.code), name };
}

describe('RowReader.arabicName', () => {
  it.each(['محمد', 'عبد الله', 'لـيـلَى'])('accepts %s', (value) => {
    expect(readName(value)).toEqual({ codes: [], name: value });
  });

  // Names without a Latin form would be registered here and then parked on the identity
  // registry's dead-letter topic, leaving a person without an identity.
  it.each(['ـــ', '١٢٣', 'محمد1', 'َُ', 'محمد!'])('rejects %s', (value) => {
    expect(readName(value)).toEqual({ codes: ['INVALID_NAME'], name: undefined });
  });
});
