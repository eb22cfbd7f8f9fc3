import {
  districtsOf,
  divisionsAtLevel,
  findDivision,
  findGovernorate,
  governorateByNumber,
  governorateOf,
  governorates,
  subDistrictsOf,
} from './admin-divisions';

describe('admin divisions', () => {
  it('governorates count and order', () => {
    const list = governorates();

    expect(list).toHaveLength(14);
    expect(list.map((governorate) => governorate.number)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    ]);
    expect(list.map((governorate) => governorate.pcode)[0]).toBe('SY01');
  });

  it('governorate names in both scripts', () => {
    const aleppo = findGovernorate('SY02');

    expect(aleppo?.nameEn).toBe('Aleppo');
    expect(aleppo?.nameAr).toBe('حلب');
    expect(governorateByNumber(3).nameEn).toBe('Rural Damascus');
  });

  it('governorate number out of range', () => {
    expect(() => governorateByNumber(15)).toThrow(RangeError);
    expect(() => governorateByNumber(0)).toThrow(RangeError);
  });

  it('district and sub-district counts', () => {
    expect(divisionsAtLevel(2)).toHaveLength(61);
    expect(divisionsAtLevel(3)).toHaveLength(272);
  });

  it('every district parent resolves to a governorate', () => {
    for (const district of divisionsAtLevel(2)) {
      expect(findGovernorate(district.parentPcode)?.pcode).toBe(district.parentPcode);
    }
  });

  it('every sub-district parent resolves to a district', () => {
    for (const subDistrict of divisionsAtLevel(3)) {
      expect(findDivision(subDistrict.parentPcode)?.level).toBe(2);
    }
  });

  it('children lists add up to the totals', () => {
    const districts = governorates().flatMap((governorate) => districtsOf(governorate.pcode));
    const subDistricts = districts.flatMap((district) => subDistrictsOf(district.pcode));

    expect(districts).toHaveLength(61);
    expect(subDistricts).toHaveLength(272);
  });

  it('every governorate has districts', () => {
    for (const governorate of governorates()) {
      expect(districtsOf(governorate.pcode).length).toBeGreaterThan(0);
    }
  });

  it('governorate of a sub-district', () => {
    const subDistrict = divisionsAtLevel(3)[0];

    expect(subDistrict).toBeDefined();
    expect(governorateOf(subDistrict?.pcode ?? '')?.pcode).toBe(subDistrict?.pcode.slice(0, 4));
  });

  it('unknown p-code', () => {
    expect(findDivision('SY99')).toBeUndefined();
    expect(findGovernorate('SY15')).toBeUndefined();
    expect(subDistrictsOf('SY999999')).toEqual([]);
  });
});
