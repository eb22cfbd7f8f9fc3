import { makeNationalNumber } from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';
import { findDivision } from '@bitaqa/reference-data';

import type { BirthResult } from '../src/births/dto/birth.dto';
import type { DivorceResult } from '../src/divorces/dto/divorce.dto';
import { documentHash } from '../src/extracts/canonical-json';
import type { CivilStatusExtract, FamilySheet } from '../src/extracts/extract-types';
import type { MarriageResult } from '../src/marriages/dto/marriage.dto';
import type { PersonView } from '../src/persons/dto/person-view.dto';

import { importPersons, manRow, marriedCouple, womanRow } from './support/builders';
import { civilFetch } from './support/civil-auth';
import { startCivilTestApp, TODAY, type CivilTestApp } from './support/civil-test-app';

interface Reply<Body> {
  body: Body;
  headers: Headers;
  status: number;
}

describe('extract endpoints', () => {
  let api: CivilTestApp;

  beforeAll(async () => {
    api = await startCivilTestApp('extracts_api');
  });

  afterAll(async () => {
    await api.close();
  });

  async function getJson<Body>(path: string, accept?: string): Promise<Reply<Body>> {
    const response = await civilFetch(api.running.url, path, {
      headers: accept === undefined ? {} : { accept },
    });

    return {
      body: (await response.json()) as Body,
      headers: response.headers,
      status: response.status,
    };
  }

  async function issuedCount(): Promise<number> {
    const result = await api.sql.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM issued_extracts',
    );

    return result.rows[0]?.count ?? -1;
  }

  async function marry(husband: string, wife: string, date: string): Promise<MarriageResult> {
    const { body, status } = await api.post<MarriageResult>('/marriages', {
      date,
      husbandNationalNumber: husband,
      wifeNationalNumber: wife,
    });

    if (status !== 201) throw new Error(`marriage failed: ${status} ${JSON.stringify(body)}`);

    return body;
  }

  async function birth(
    father: string,
    mother: string,
    givenNameAr: string,
    sex: 'F' | 'M',
    birthDate: string,
  ): Promise<string> {
    const { body, status } = await api.post<BirthResult>('/births', {
      birthDate,
      birthPlace: 'SY0100',
      fatherNationalNumber: father,
      givenNameAr,
      motherNationalNumber: mother,
      sex,
    });

    if (status !== 201) throw new Error(`birth failed: ${status} ${JSON.stringify(body)}`);

    return body.nationalNumber;
  }

  it('person extract matches the register', async () => {
    const [number] = await importPersons(api, [
      manRow({
        birthDate: '1979-11-23',
        birthPlace: 'SY020000',
        familyNameAr: 'القباني',
        fatherNameAr: 'سليم',
        givenNameAr: 'نزار',
        grandfatherNameAr: 'خليل',
        motherNameAr: 'فائزة الحموي',
        registrationGovernorate: 'SY01',
      }),
    ]);
    const register = (await api.get<PersonView>(`/persons/${number}`)).body;
    const { body, headers, status } = await getJson<CivilStatusExtract>(
      `/persons/${number}/extract`,
    );
    const person = body.person;

    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    expect(body.documentType).toBe('civil-status-extract');
    expect(person.nationalNumber).toBe(register.nationalNumber);
    expect(person.name.given).toBe(register.givenNameAr);
    expect(person.name.father).toBe(register.fatherNameAr);
    expect(person.name.grandfather).toBe(register.grandfatherNameAr);
    expect(person.name.family).toBe(register.familyNameAr);
    expect(person.name.full).toBe('نزار سليم خليل القباني');
    expect(person.motherName).toBe(register.motherNameAr);
    expect(person.sex).toBe(register.sex);
    expect(person.birthDate).toBe(register.birthDate);
    expect(person.birthPlace.pcode).toBe(register.birthPlace);
    expect(person.birthPlace.subDistrict).toEqual({
      nameAr: findDivision('SY020000')?.nameAr,
      pcode: 'SY020000',
    });
    expect(person.birthPlace.district).toEqual({
      nameAr: findDivision('SY0200')?.nameAr,
      pcode: 'SY0200',
    });
    expect(person.birthPlace.governorate).toEqual({ nameAr: 'حلب', pcode: 'SY02' });
    expect(person.registrationGovernorate).toEqual({
      nameAr: findDivision(register.registrationGovernorate)?.nameAr,
      pcode: 'SY01',
    });
    expect(person.civilStatus).toBe('single');
    expect(person.familyId).toBeNull();
    expect(person.dateOfDeath).toBeNull();
    expect(body.issuedOn).toBe(TODAY);
    expect(body.serial).toMatch(/^EX-\d{10}$/);
  });

  it('hash covers every other field', async () => {
    const [number] = await importPersons(api, [manRow()]);
    const { body, headers } = await getJson<CivilStatusExtract>(`/persons/${number}/extract`);
    const { sha256, ...unhashed } = body;

    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(documentHash(unhashed)).toBe(sha256);
    expect(headers.get('x-document-sha256')).toBe(sha256);
    expect(headers.get('x-document-serial')).toBe(body.serial);
  });

  it('each request issues a new serial', async () => {
    const [number] = await importPersons(api, [womanRow()]);
    const first = await getJson<CivilStatusExtract>(`/persons/${number}/extract`);
    const second = await getJson<CivilStatusExtract>(`/persons/${number}/extract`);

    expect(second.body.serial).not.toBe(first.body.serial);
    expect(second.body.serial > first.body.serial).toBe(true);
    expect(second.body.sha256).not.toBe(first.body.sha256);
    expect(second.body.person).toEqual(first.body.person);
  });

  it('issued document is stored', async () => {
    const [number] = await importPersons(api, [manRow()]);
    const issued = (await getJson<CivilStatusExtract>(`/persons/${number}/extract`)).body;
    const row = await api.sql.query<{ document_type: string; sha256: string; subject: string }>(
      'SELECT document_type, sha256, subject FROM issued_extracts WHERE id = $1',
      [issued.serial.slice(3)],
    );
    const stored = await getJson<CivilStatusExtract>(
      `/extracts/${issued.serial}?sha256=${issued.sha256}`,
    );
    const { sha256, ...unhashed } = stored.body;

    expect(row.rows).toEqual([
      { document_type: 'civil-status-extract', sha256: issued.sha256, subject: number },
    ]);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(issued);
    expect(documentHash(unhashed)).toBe(sha256);
  });

  it('civil status follows marriages and deaths', async () => {
    const couple = await marriedCouple(api, '2004-05-05');
    const married = await getJson<CivilStatusExtract>(`/persons/${couple.husband}/extract`);
    const wifeBefore = await getJson<CivilStatusExtract>(`/persons/${couple.wife}/extract`);

    await api.post('/deaths', { dateOfDeath: '2021-02-03', nationalNumber: couple.wife });

    const widower = await getJson<CivilStatusExtract>(`/persons/${couple.husband}/extract`);
    const deceased = await getJson<CivilStatusExtract>(`/persons/${couple.wife}/extract`);

    expect(married.body.person.civilStatus).toBe('married');
    expect(married.body.person.familyId).toBe(couple.familyId);
    expect(wifeBefore.body.person.civilStatus).toBe('married');
    expect(wifeBefore.body.person.familyId).toBe(couple.familyId);
    expect(widower.body.person.civilStatus).toBe('widowed');
    expect(widower.body.person.dateOfDeath).toBeNull();
    expect(deceased.body.person.civilStatus).toBe('married');
    expect(deceased.body.person.dateOfDeath).toBe('2021-02-03');
  });

  it('divorce shows on extracts and sheet', async () => {
    const couple = await marriedCouple(api, '2006-06-06');
    const court = 'المحكمة الشرعية الأولى بدمشق';
    const filed = await api.post<DivorceResult>('/divorces', {
      filing: { court, date: '2016-01-10', number: '17/2016' },
      husbandNationalNumber: couple.husband,
      wifeNationalNumber: couple.wife,
    });
    const final = await api.post<DivorceResult>(`/divorces/${filed.body.divorceId}/finalize`, {
      decision: { court, date: '2016-05-20', number: '17/2016' },
    });
    const husband = await getJson<CivilStatusExtract>(`/persons/${couple.husband}/extract`);
    const wife = await getJson<CivilStatusExtract>(`/persons/${couple.wife}/extract`);
    const sheet = await getJson<FamilySheet>(`/families/${couple.familyId}/sheet`);

    expect(filed.status).toBe(201);
    expect(final.status).toBe(200);
    expect(husband.body.person.civilStatus).toBe('divorced');
    expect(husband.body.person.familyId).toBe(couple.familyId);
    expect(wife.body.person.civilStatus).toBe('divorced');
    expect(wife.body.person.familyId).not.toBe(couple.familyId);
    expect(sheet.body.family.wives).toEqual([
      expect.objectContaining({
        marriageEndedOn: '2016-05-20',
        marriageStatus: 'divorced',
        nationalNumber: couple.wife,
      }),
    ]);
    expect(sheet.body.family.formerMembers.map((member) => member.nationalNumber)).toEqual([
      couple.wife,
    ]);
  });

  it('family sheet lists wives, children and former members', async () => {
    const couple = await marriedCouple(api, '1990-01-01', {
      husband: { birthDate: '1965-01-01', givenNameAr: 'سامر' },
      wife: { birthDate: '1968-01-01', givenNameAr: 'ليلى' },
    });
    const daughter = await birth(couple.husband, couple.wife, 'هند', 'F', '1991-05-05');
    const son = await birth(couple.husband, couple.wife, 'عمر', 'M', '1995-08-08');
    const [secondWife, daughterHusband] = await importPersons(api, [
      womanRow({ birthDate: '1975-03-03', givenNameAr: 'رنا' }),
      manRow({ birthDate: '1988-01-01', familyNameAr: 'الدمشقي', givenNameAr: 'باسل' }),
    ]);

    await marry(couple.husband, secondWife as string, '2000-02-02');

    const youngest = await birth(couple.husband, secondWife as string, 'زينب', 'F', '2002-09-09');

    await marry(daughterHusband as string, daughter, '2015-06-06');
    await api.post('/deaths', { dateOfDeath: '2020-04-04', nationalNumber: son });

    const { body, status } = await getJson<FamilySheet>(`/families/${couple.familyId}/sheet`);
    const family = body.family;
    const { sha256, ...unhashed } = body;

    expect(status).toBe(200);
    expect(body.documentType).toBe('family-sheet');
    expect(documentHash(unhashed)).toBe(sha256);
    expect(family.familyId).toBe(couple.familyId);
    expect(family.governorate).toEqual({ nameAr: 'حلب', pcode: 'SY02' });
    expect(family.head.nationalNumber).toBe(couple.husband);
    expect(family.head.name.full).toBe('سامر أحمد علي الحلبي');
    expect(family.head.motherName).toBe('فاطمة الشامي');
    expect(
      family.wives.map((wife) => [wife.nationalNumber, wife.marriageDate, wife.marriageStatus]),
    ).toEqual([
      [couple.wife, '1990-01-01', 'active'],
      [secondWife, '2000-02-02', 'active'],
    ]);
    expect(family.wives.map((wife) => wife.name.given)).toEqual(['ليلى', 'رنا']);
    expect(
      family.children.map((child) => [child.nationalNumber, child.motherNationalNumber]),
    ).toEqual([
      [son, couple.wife],
      [youngest, secondWife],
    ]);

    const [sonRow, youngestRow] = family.children;

    expect(sonRow?.name.full).toBe('عمر سامر أحمد الحلبي');
    expect(sonRow?.motherName).toBe('ليلى الحمصي');
    expect(sonRow?.alive).toBe(false);
    expect(sonRow?.dateOfDeath).toBe('2020-04-04');
    expect(sonRow?.birthDate).toBe('1995-08-08');
    expect(youngestRow?.motherName).toBe('رنا الحمصي');
    expect(youngestRow?.alive).toBe(true);
    expect(youngestRow?.sex).toBe('F');
    expect(family.formerMembers).toEqual([
      expect.objectContaining({
        joinedOn: '1991-05-05',
        leftOn: '2015-06-06',
        nationalNumber: daughter,
        role: 'child',
      }),
    ]);
  });

  it('family sheet of a widower keeps the late wife', async () => {
    const couple = await marriedCouple(api, '2008-01-01');

    await api.post('/deaths', { dateOfDeath: '2019-09-09', nationalNumber: couple.wife });

    const { body } = await getJson<FamilySheet>(`/families/${couple.familyId}/sheet`);

    expect(body.family.wives).toEqual([
      expect.objectContaining({
        alive: false,
        dateOfDeath: '2019-09-09',
        marriageEndedOn: '2019-09-09',
        marriageStatus: 'widowed',
        nationalNumber: couple.wife,
      }),
    ]);
  });

  it('unknown person is 404', async () => {
    const before = await issuedCount();
    const unknown = makeNationalNumber(7, 99_999_998);
    const { body, status } = await getJson<ErrorBody>(`/persons/${unknown}/extract`);

    expect(status).toBe(404);
    expect(body.error.code).toBe('PERSON_NOT_FOUND');
    expect(body.error.value).toBe(unknown);
    expect(await issuedCount()).toBe(before);
  });

  it('unknown family is 404', async () => {
    const { body, status } = await getJson<ErrorBody>('/families/FAM-SY05-999999/sheet');

    expect(status).toBe(404);
    expect(body.error.code).toBe('FAMILY_NOT_FOUND');
  });

  it('unknown serial is 404', async () => {
    const { body, status } = await getJson<ErrorBody>(
      `/extracts/EX-9999999999?sha256=${'0'.repeat(64)}`,
    );

    expect(status).toBe(404);
    expect(body.error.code).toBe('EXTRACT_NOT_FOUND');
    expect(body.error.field).toBe('serial');
  });

  it('serial without its hash reveals nothing', async () => {
    const [number] = await importPersons(api, [manRow()]);
    const issued = (await getJson<CivilStatusExtract>(`/persons/${number}/extract`)).body;
    const wrongHash = `${issued.sha256.slice(0, 63)}${issued.sha256.endsWith('0') ? '1' : '0'}`;
    const missing = await getJson<ErrorBody>(`/extracts/${issued.serial}`);
    const wrong = await getJson<ErrorBody>(`/extracts/${issued.serial}?sha256=${wrongHash}`);
    const upperCase = await getJson<CivilStatusExtract>(
      `/extracts/${issued.serial}?sha256=${issued.sha256.toUpperCase()}`,
    );

    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('sha256');
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('EXTRACT_NOT_FOUND');
    expect(JSON.stringify(wrong.body)).not.toContain(number);
    expect(upperCase.status).toBe(200);
    expect(upperCase.body.person.nationalNumber).toBe(number);
  });

  it('bad check digit is 400', async () => {
    const valid = makeNationalNumber(3, 12_345);
    const wrongDigit = `${valid.slice(0, 10)}${(Number(valid.slice(10)) + 1) % 10}`;
    const { body, status } = await getJson<ErrorBody>(`/persons/${wrongDigit}/extract`);

    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.field).toBe('nationalNumber');
    expect(body.error.value).toBe(wrongDigit);
  });

  it('bad inputs are 400', async () => {
    const [number] = await importPersons(api, [manRow()]);
    const before = await issuedCount();
    const badFormat = await getJson<ErrorBody>(`/persons/${number}/extract?format=xml`);
    const badFamily = await getJson<ErrorBody>('/families/FAM-1/sheet');
    const badSerial = await getJson<ErrorBody>(`/extracts/42?sha256=${'0'.repeat(64)}`);

    expect(badFormat.status).toBe(400);
    expect(badFormat.body.error.code).toBe('VALIDATION_FAILED');
    expect(badFormat.body.error.field).toBe('format');
    expect(badFormat.body.error.value).toBe('xml');
    expect(badFamily.status).toBe(400);
    expect(badFamily.body.error.field).toBe('familyId');
    expect(badSerial.status).toBe(400);
    expect(badSerial.body.error.field).toBe('serial');
    expect(await issuedCount()).toBe(before);
  });

  it('unacceptable Accept is 406', async () => {
    const [number] = await importPersons(api, [manRow()]);
    const before = await issuedCount();
    const { body, status } = await getJson<ErrorBody>(`/persons/${number}/extract`, 'image/png');

    expect(status).toBe(406);
    expect(body.error.code).toBe('NOT_ACCEPTABLE');
    expect(await issuedCount()).toBe(before);
  });
});
