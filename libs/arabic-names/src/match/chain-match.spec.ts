import { matchNameChains, type NameChain } from './chain-match';

/** Builds a chain from "given|father|grandfather|family"; an empty grandfather means none. */
function chain(text: string): NameChain {
  const [givenName = '', fatherName = '', grandfather = '', familyName = ''] = text.split('|');

  return { familyName, fatherName, givenName, grandfatherName: grandfather || null };
}

const BASE = 'محمد|خالد|عبد الله|الحلبي';

describe('matchNameChains', () => {
  it.each([
    ['identical chains', BASE, BASE, true],
    ['diacritics and tatweel', 'مُحَمَّد|خـالد|عبد الله|الحلبي', BASE, true],
    ['hamza above alef', 'أحمد|خالد|عبد الله|الحلبي', 'احمد|خالد|عبد الله|الحلبي', true],
    ['hamza below alef', 'إبراهيم|خالد||الحلبي', 'ابراهيم|خالد||الحلبي', true],
    ['madda on alef', 'آمنة|خالد||الحلبي', 'امنة|خالد||الحلبي', true],
    ['alef wasla', 'محمد|خالد|عبد ٱلله|الحلبي', BASE, true],
    ['teh marbuta as heh', 'فاطمة|خالد||الحلبي', 'فاطمه|خالد||الحلبي', true],
    ['alef maqsura as yeh', 'مصطفى|خالد||الحلبي', 'مصطفي|خالد||الحلبي', true],
    ['alef maqsura as alef', 'مصطفى|خالد||الحلبي', 'مصطفا|خالد||الحلبي', true],
    ['hamza on waw', 'فؤاد|خالد||الحلبي', 'فواد|خالد||الحلبي', true],
    ['hamza on yeh', 'وائل|خالد||الحلبي', 'وايل|خالد||الحلبي', true],
    ['hamza on the line dropped', 'أسماء|خالد||الحلبي', 'اسما|خالد||الحلبي', true],
    ['compound written apart', 'محمد|عبد الله|خالد|الحلبي', 'محمد|عبدالله|خالد|الحلبي', true],
    ['compound with article', 'عبد الرحمن|خالد||الحلبي', 'عبدالرحمن|خالد||الحلبي', true],
    ['abu compound', 'أبو بكر|خالد||الحلبي', 'ابوبكر|خالد||الحلبي', true],
    ['closing compound', 'نور الدين|خالد||الحلبي', 'نورالدين|خالد||الحلبي', true],
    ['compound cut to first word', 'محمد خير|خالد||الحلبي', 'محمد|خالد||الحلبي', true],
    ['family without article', BASE, 'محمد|خالد|عبد الله|حلبي', true],
    ['family with aal', 'محمد|خالد||آل عثمان', 'محمد|خالد||العثمان', true],
    ['swapped letters in given', 'يوسف|خالد||الحلبي', 'يسوف|خالد||الحلبي', true],
    ['swapped letters in family', BASE, 'محمد|خالد|عبد الله|الحبلي', true],
    ['dot slip in father', BASE, 'محمد|حالد|عبد الله|الحلبي', true],
    ['sound-alike letter in family', 'محمد|خالد||الصباغ', 'محمد|خالد||السباغ', true],
    ['grandfather missing on one side', BASE, 'محمد|خالد||الحلبي', true],
    ['grandfather missing on both sides', 'محمد|خالد||الحلبي', 'محمد|خالد||الحلبي', true],
    ['doubled letter written once', 'داوود|خالد||الحلبي', 'داود|خالد||الحلبي', true],
    ['final teh marbuta as alef', 'رانية|خالد||الحلبي', 'رانيا|خالد||الحلبي', true],
    ['Persian keheh and yeh', 'کریم|خالد||الحلبي', 'كريم|خالد||الحلبي', true],
    ['extra letter in family', 'محمد|خالد||الحموي', 'محمد|خالد||الحمومي', true],
    ['spaces and direction marks', ' محمد \u200F|خالد  |عبد  الله|الحلبي ', BASE, true],
    ['missing grandfather and family typo', BASE, 'محمد|خالد||الحبلي', true],
    ['twins with one letter apart', BASE, 'محمود|خالد|عبد الله|الحلبي', false],
    ['twins hasan and husain', 'حسن|خالد||الحلبي', 'حسين|خالد||الحلبي', false],
    ['twins ahmad and muhammad', 'أحمد|خالد||الحلبي', 'محمد|خالد||الحلبي', false],
    ['twins reem and rima', 'ريم|خالد||الحلبي', 'ريما|خالد||الحلبي', false],
    ['male and female form', 'سمير|خالد||الحلبي', 'سميرة|خالد||الحلبي', false],
    ['alaa and ola', 'علاء|خالد||الحلبي', 'علا|خالد||الحلبي', false],
    ['sound-alike distinct names', 'ثناء|خالد||الحلبي', 'سناء|خالد||الحلبي', false],
    ['same given and family names', BASE, 'محمد|سامر|عبد الله|الحلبي', false],
    ['cousins by grandfather', BASE, 'محمد|خالد|عبد الرحمن|الحلبي', false],
    ['abdullah and abdulilah', 'محمد|عبد الله||الحلبي', 'محمد|عبد الإله||الحلبي', false],
    ['different family names', BASE, 'محمد|خالد|عبد الله|الحمصي', false],
    ['unrelated family names', BASE, 'محمد|خالد|عبد الله|الشامي', false],
    ['small edits in three parts', 'محمد|خالد||الحموي', 'مخمد|خلد||الحمومي', false],
    ['father missing on one side', BASE, 'محمد||عبد الله|الحلبي', false],
    ['given name blank', '|خالد||الحلبي', '|خالد||الحلبي', false],
  ])('%s', (_case, left, right, expected) => {
    const result = matchNameChains(chain(left), chain(right));

    expect({ match: result.match, reasons: result.reasons }).toEqual({
      match: expected,
      reasons: result.reasons,
    });
  });

  it('scores identical chains 1', () => {
    expect(matchNameChains(chain(BASE), chain(BASE)).score).toBe(1);
  });

  it('leaves a missing grandfather out of the score', () => {
    const result = matchNameChains(chain(BASE), chain('محمد|خالد||الحلبي'));

    expect(result.score).toBe(1);
    expect(result.parts[2]).toMatchObject({ similarity: null, verdict: 'missing' });
  });

  it('explains each part and the verdict', () => {
    const result = matchNameChains(chain(BASE), chain('محمود|خالد|عبد الله|حلبي'));

    expect(result.reasons).toEqual([
      'given: different (0), محمد and محمود are different names',
      'father: same (1), same after normalization',
      'grandfather: same (1), same after normalization',
      'family: variant (0.98), same once spaces, doubled letters, a final ة/ا and the article ال are ignored',
      'no match: given name different',
    ]);
  });

  it('applies a custom threshold', () => {
    const left = chain('يوسف|خالد||الحلبي');
    const right = chain('يسوف|خالد||الحبلي');

    expect(matchNameChains(left, right).match).toBe(true);
    expect(matchNameChains(left, right, { threshold: 0.95 }).match).toBe(false);
  });

  it('rejects a score below the threshold', () => {
    const result = matchNameChains(chain('مخمد|خلد||الحمومي'), chain('محمد|خالد||الحموي'));

    expect(result.parts.every((part) => part.verdict !== 'different')).toBe(true);
    expect(result.reasons.at(-1)).toMatch(/^no match: score 0\.\d+ below 0\.85$/);
  });

  it('uses custom known names', () => {
    const left = chain('حسن|خالد||الحلبي');
    const right = chain('حسين|خالد||الحلبي');
    const result = matchNameChains(left, right, { knownNames: new Set() });

    expect(result.parts[0]?.verdict).toBe('variant');
  });
});
