import { createHash } from 'node:crypto';

import { ApiError } from '@bitaqa/http';

import { canonicalJson, documentHash } from '../src/extracts/canonical-json';
import { civilStatusOf } from '../src/extracts/civil-status';
import { formatSerial, parseSerial } from '../src/extracts/extract-issuer';
import { chooseFormat } from '../src/extracts/format';
import { birthPlaceOf, placeNameOf } from '../src/extracts/person-facts';
import type { MarriageView } from '../src/persons/dto/person-view.dto';

function marriage(overrides: Partial<MarriageView>): MarriageView {
  return {
    date: '2000-01-01',
    endedOn: null,
    familyId: 'FAM-SY01-000001',
    husbandNationalNumber: '01000000015',
    marriageId: '1',
    status: 'active',
    wifeNationalNumber: '01000000023',
    ...overrides,
  };
}

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: true }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"y":true,"z":null}]},"b":1}',
    );
  });

  it('keeps Arabic text as is', () => {
    expect(canonicalJson({ name: 'محمد' })).toBe('{"name":"محمد"}');
  });

  it('rejects fractions and undefined', () => {
    expect(() => canonicalJson({ a: 1.5 })).toThrow(TypeError);
    expect(() => canonicalJson({ a: undefined })).toThrow(TypeError);
    expect(() => canonicalJson({ a: new Date(0) })).toThrow(TypeError);
  });

  it('hash is SHA-256 of the canonical text', () => {
    const expected = createHash('sha256').update('{"a":1,"b":"ب"}', 'utf8').digest('hex');

    expect(documentHash({ b: 'ب', a: 1 })).toBe(expected);
  });
});

describe('civilStatusOf', () => {
  it('no marriage is single', () => {
    expect(civilStatusOf([], null)).toBe('single');
  });

  it('active marriage is married', () => {
    const ended = marriage({ endedOn: '2001-01-01', marriageId: '1', status: 'divorced' });

    expect(civilStatusOf([ended, marriage({ marriageId: '2' })], null)).toBe('married');
  });

  it('last marriage divorced is divorced', () => {
    const widowed = marriage({ endedOn: '2001-01-01', marriageId: '1', status: 'widowed' });
    const divorced = marriage({ endedOn: '2010-01-01', marriageId: '2', status: 'divorced' });

    expect(civilStatusOf([divorced, widowed], null)).toBe('divorced');
  });

  it('spouse died is widowed', () => {
    const divorced = marriage({ endedOn: '2001-01-01', marriageId: '1', status: 'divorced' });
    const widowed = marriage({ endedOn: '2010-01-01', marriageId: '2', status: 'widowed' });

    expect(civilStatusOf([divorced, widowed], null)).toBe('widowed');
  });

  it('own death leaves married', () => {
    const widowed = marriage({ endedOn: '2010-01-01', status: 'widowed' });

    expect(civilStatusOf([widowed], '2010-01-01')).toBe('married');
  });

  it('widowed before own death stays widowed', () => {
    const widowed = marriage({ endedOn: '2010-01-01', status: 'widowed' });

    expect(civilStatusOf([widowed], '2015-03-01')).toBe('widowed');
  });
});

describe('chooseFormat', () => {
  it('query wins over Accept', () => {
    expect(chooseFormat('pdf', 'application/json')).toBe('pdf');
    expect(chooseFormat('json', 'application/pdf')).toBe('json');
  });

  it('no Accept is JSON', () => {
    expect(chooseFormat(undefined, undefined)).toBe('json');
    expect(chooseFormat(undefined, '')).toBe('json');
  });

  it('Accept picks PDF', () => {
    expect(chooseFormat(undefined, 'application/pdf')).toBe('pdf');
    expect(chooseFormat(undefined, 'application/json;q=0.5, application/pdf')).toBe('pdf');
    expect(chooseFormat(undefined, 'application/pdf, */*;q=0.1')).toBe('pdf');
  });

  it('Accept picks JSON', () => {
    expect(chooseFormat(undefined, '*/*')).toBe('json');
    expect(chooseFormat(undefined, 'application/*')).toBe('json');
    expect(chooseFormat(undefined, 'application/pdf;q=0.2, application/json')).toBe('json');
    expect(chooseFormat(undefined, 'text/html, */*;q=0.8')).toBe('json');
  });

  it('specific range overrides wildcard', () => {
    expect(chooseFormat(undefined, 'application/json;q=0, */*')).toBe('pdf');
  });

  it('unacceptable Accept is 406', () => {
    const attempt = (): unknown => chooseFormat(undefined, 'text/html, image/png');

    expect(attempt).toThrow(ApiError);
    try {
      attempt();
    } catch (error) {
      expect((error as ApiError).status).toBe(406);
      expect((error as ApiError).code).toBe('NOT_ACCEPTABLE');
    }
  });
});

describe('serials and places', () => {
  it('serial round trip', () => {
    expect(formatSerial(42n)).toBe('EX-0000000042');
    expect(parseSerial('EX-0000000042')).toBe(42n);
  });

  it('birth place of a sub-district', () => {
    const place = birthPlaceOf('SY020000');

    expect(place.governorate).toEqual({ nameAr: 'حلب', pcode: 'SY02' });
    expect(place.district?.pcode).toBe('SY0200');
    expect(place.subDistrict?.pcode).toBe('SY020000');
    expect(place.subDistrict?.nameAr).toMatch(/^[\u0600-\u06FF ]+$/);
  });

  it('birth place of a governorate', () => {
    expect(birthPlaceOf('SY01')).toEqual({
      district: null,
      governorate: { nameAr: 'مدينة دمشق', pcode: 'SY01' },
      pcode: 'SY01',
      subDistrict: null,
    });
  });

  it('unknown p-code keeps the code', () => {
    expect(birthPlaceOf('SY99')).toEqual({
      district: null,
      governorate: null,
      pcode: 'SY99',
      subDistrict: null,
    });
    expect(placeNameOf('SY99')).toEqual({ nameAr: 'SY99', pcode: 'SY99' });
  });
});
