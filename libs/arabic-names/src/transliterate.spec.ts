import { latinName } from '@bitaqa/contracts';

import { ArabicNameError } from './arabic-name-error';
import { transliterateLetters } from './letters';
import { LATIN_NAME_MAX_LENGTH, transliterateArabicName, transliterateWord } from './transliterate';

describe('transliterateArabicName', () => {
  it.each([
    ['عبد الله', 'ABDULLAH'],
    ['عبدالله', 'ABDULLAH'],
    ['محمّد', 'MOHAMMAD'],
    ['محمد', 'MOHAMMAD'],
    ['إسماعيل', 'ISMAIL'],
    ['اسماعيل', 'ISMAIL'],
    ['مصطفى', 'MUSTAFA'],
    ['مصطفي', 'MUSTAFA'],
    ['فاطمة', 'FATIMA'],
    ['فاطمه', 'FATIMA'],
    ['آمنة', 'AMINA'],
    ['يحيى', 'YAHYA'],
    ['ألاء', 'ALAA'],
    ['آلاء', 'ALAA'],
    ['محـــمد', 'MOHAMMAD'],
    ['  علي  ', 'ALI'],
    ['عبد الكريم', 'ABDULKARIM'],
    ['عبد الجليل', 'ABDULJALIL'],
    ['نور الدين', 'NOURALDIN'],
    ['أبو بكر', 'ABUBAKR'],
    ['ابو يوسف', 'ABUYOUSEF'],
    ['خير الله', 'KHIRALLAH'],
    ['الأحمد', 'ALAHMAD'],
    ['الحلبي', 'ALHALABI'],
    ['الحموي', 'ALHAMAWI'],
    ['أحمد الحلبي', 'AHMAD ALHALABI'],
    ['آل عثمان', 'ALOTHMAN'],
    ['الشماع', 'ALSHAMA'],
  ])('%s gives %s', (input, expected) => {
    expect(transliterateArabicName(input)).toBe(expected);
  });

  it('fits the latinName contract', () => {
    const latin = transliterateArabicName('  مُحَمَّد عبد  الله ');

    expect(latinName.safeParse(latin).success).toBe(true);
  });

  it('cuts long names at a space', () => {
    const long = Array.from({ length: 12 }, () => 'عبدالرحمن').join(' ');
    const latin = transliterateArabicName(long);

    expect(latin.length).toBeLessThanOrEqual(LATIN_NAME_MAX_LENGTH);
    expect(latin.endsWith('ABDULRAHMAN')).toBe(true);
  });

  it('rejects names without letters', () => {
    expect(() => transliterateArabicName('ـــ')).toThrow(ArabicNameError);
    expect(() => transliterateArabicName('   ')).toThrow(/no letter with a Latin form/);
  });
});

describe('transliterateWord vowel patterns', () => {
  it.each([
    ['جليل', 'JALIL'],
    ['ماجدة', 'MAJIDA'],
    ['شاكر', 'SHAKER'],
    ['لطيفة', 'LATIFA'],
    ['همام', 'HAMAM'],
    ['رسول', 'RASOUL'],
    ['ممدوح', 'MAMDOUH'],
    ['نجمة', 'NAJMA'],
    ['حمدي', 'HAMDI'],
    ['حمدان', 'HAMDAN'],
    ['شعبان', 'SHABAN'],
    ['بدر', 'BADR'],
    ['مرشد', 'MURSHID'],
    ['جندل', 'JANDAL'],
  ])('%s gives %s', (input, expected) => {
    expect(transliterateWord(input)).toBe(expected);
  });

  it('spells a word outside every pattern letter by letter', () => {
    expect(transliterateWord('زنبركجي')).toBe('ZNBRKJI');
  });
});

describe('transliterateLetters', () => {
  it.each([
    ['خالد', 'KHALD'],
    ['عادل', 'ADL'],
    ['عيسى', 'ISA'],
    ['سعيد', 'SAID'],
    ['شعبان', 'SHABAN'],
    ['وليد', 'WLID'],
    ['يوسف', 'YUSF'],
    ['حياة', 'HYAT'],
    ['فاطمة', 'FATMA'],
    ['فايز', 'FAYZ'],
    ['فائز', 'FAEZ'],
    ['مروة', 'MRWA'],
    ['علاء', 'ALAA'],
    ['ربيع', 'RBIA'],
    ['سامي', 'SAMI'],
  ])('%s gives %s', (input, expected) => {
    expect(transliterateLetters(input)).toBe(expected);
  });

  it('drops characters without a Latin form', () => {
    expect(transliterateLetters('ب٣،ت')).toBe('BT');
  });
});
