import { cleanArabicName, joinCompoundNames } from './clean';
import { arabicNamesMatch, foldArabicLetters, normalizeArabicName } from './normalize';

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
    ['عبد', 'عبد'],
    ['', ''],
    ['   ', ''],
  ])('%s gives %s', (input, expected) => {
    expect(normalizeArabicName(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = normalizeArabicName(' أَبو  عبدِ اللّه ');

    expect(normalizeArabicName(once)).toBe(once);
  });

  it('leaves hamza on waw and yeh', () => {
    expect(normalizeArabicName('لؤي')).toBe('لؤي');
    expect(normalizeArabicName('وائل')).toBe('وائل');
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
    expect(foldArabicLetters('أإآٱةىی')).toBe('ااااهيي');
    expect(foldArabicLetters('ABC ب')).toBe('ABC ب');
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
