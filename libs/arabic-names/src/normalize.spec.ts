import { cleanArabicName, joinCompoundNames } from './clean';
import {
  arabicNamesMatch,
  foldArabicLetters,
  normalizeArabicName,
  toAsciiDigits,
} from './normalize';

describe('normalizeArabicName', () => {
  it.each([
    ['عبد الله', 'عبدالله'],
    ['عبدالله', 'عبدالله'],
    ['عبد  الرحمن', 'عبدالرحمن'],
    ['محمّد', 'محمد'],
    ['مُحَمَّدٌ', 'محمد'],
    ['إسماعيل', 'اسماعيل'],
    ['أحمد', 'احمد'],
    ['آمنة', 'امنه'],
    ['ٱلرحمن', 'الرحمن'],
    ['مصطفى', 'مصطفي'],
    ['فاطمة', 'فاطمه'],
    ['يحيى', 'يحيي'],
    ['ألاء', 'الاء'],
    ['محـــمد', 'محمد'],
    ['  علي  ', 'علي'],
    ['\u00A0خالد\t', 'خالد'],
    ['نور الدين', 'نورالدين'],
    ['أبو بكر', 'ابوبكر'],
    ['ابو عبد الله', 'ابوعبدالله'],
    ['ابوعبد الله', 'ابوعبدالله'],
    ['محمد عبد الله الحلبي', 'محمد عبدالله الحلبي'],
    ['الرحمٰن', 'الرحمن'],
    ['ﻻمع', 'لامع'],
    ['\u200Fسامي\u200E', 'سامي'],
    ['کریم', 'كريم'],
    ['ڤيكتور', 'فيكتور'],
    ['ہالہ', 'هاله'],
    ['عبد', 'عبد'],
    ['فؤاد', 'فواد'],
    ['وائل', 'وايل'],
    ['عائشة', 'عايشه'],
    ['نور الهدى', 'نورالهدي'],
    ['سيف الإسلام', 'سيفالاسلام'],
    ['زين العابدين', 'زينالعابدين'],
    ['آل عثمان', 'العثمان'],
    ['ال حلبي', 'الحلبي'],
    ['عبدال رحمن', 'عبدالرحمن'],
    ['محمد ٢', 'محمد 2'],
    ['۱۲۳', '123'],
    ['', ''],
    ['   ', ''],
  ])('%s gives %s', (input, expected) => {
    expect(normalizeArabicName(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = normalizeArabicName(' أَبو  عبدِ اللّه ');

    expect(normalizeArabicName(once)).toBe(once);
  });

  it('keeps a standalone hamza', () => {
    expect(normalizeArabicName('أسماء')).toBe('اسماء');
    expect(normalizeArabicName('علاء')).not.toBe(normalizeArabicName('علا'));
  });
});

describe('cleanArabicName', () => {
  it('keeps hamza forms and teh marbuta', () => {
    expect(cleanArabicName('  آمِنَة ')).toBe('آمنة');
    expect(cleanArabicName('إسماعيل')).toBe('إسماعيل');
    expect(cleanArabicName('مصطفى')).toBe('مصطفى');
  });

  it('joins compounds written apart', () => {
    expect(cleanArabicName('عبد الله')).toBe('عبدالله');
    expect(cleanArabicName('صلاح الدين')).toBe('صلاحالدين');
    expect(cleanArabicName('نور الهدى')).toBe('نورالهدى');
    expect(cleanArabicName('إبو بكر')).toBe('إبوبكر');
  });
});

describe('joinCompoundNames', () => {
  it('keeps a trailing prefix word', () => {
    expect(joinCompoundNames(['محمد', 'عبد'])).toEqual(['محمد', 'عبد']);
  });

  it('leaves a leading suffix word alone', () => {
    expect(joinCompoundNames(['الله'])).toEqual(['الله']);
  });
});

describe('foldArabicLetters', () => {
  it('folds only interchangeable letters', () => {
    expect(foldArabicLetters('أإآٱةىیؤئ')).toBe('ااااهييوي');
    expect(foldArabicLetters('ABC ب ء')).toBe('ABC ب ء');
  });
});

describe('toAsciiDigits', () => {
  it('converts both Arabic digit sets', () => {
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(toAsciiDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(toAsciiDigits('a1 ب')).toBe('a1 ب');
  });
});

describe('arabicNamesMatch', () => {
  it('matches spelling variants', () => {
    expect(arabicNamesMatch('عبد الله', 'عبدالله')).toBe(true);
    expect(arabicNamesMatch('فاطمة', 'فاطمه')).toBe(true);
    expect(arabicNamesMatch('إسماعيل', 'اسماعيل')).toBe(true);
  });

  it('rejects different names', () => {
    expect(arabicNamesMatch('محمد', 'محمود')).toBe(false);
  });

  it('rejects blank names', () => {
    expect(arabicNamesMatch('', '  ')).toBe(false);
  });
});
