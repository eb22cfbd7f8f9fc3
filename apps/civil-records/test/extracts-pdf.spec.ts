import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { BatchResponse } from '../src/registry/batch';
import type { BirthResult } from '../src/births/dto/birth.dto';
import type { CivilStatusExtract } from '../src/extracts/extract-types';

import { importPersons, manRow, marriedCouple, womanRow } from './support/builders';
import { civilFetch } from './support/civil-auth';
import { startCivilTestApp, type CivilTestApp } from './support/civil-test-app';

const run = promisify(execFile);

// pdftotext marks right-to-left and left-to-right stretches with these embedding controls.
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

interface PdfReply {
  headers: Headers;
  pdf: Buffer;
  status: number;
}

describe('extract PDFs', () => {
  let api: CivilTestApp;
  let workDir: string;

  beforeAll(async () => {
    api = await startCivilTestApp('extracts_pdf');
    workDir = await mkdtemp(join(tmpdir(), 'civil-extracts-'));
  });

  afterAll(async () => {
    await api.close();
    await rm(workDir, { force: true, recursive: true });
  });

  async function getPdf(path: string, accept = 'application/pdf'): Promise<PdfReply> {
    const response = await civilFetch(api.running.url, path, { headers: { accept } });

    return {
      headers: response.headers,
      pdf: Buffer.from(await response.arrayBuffer()),
      status: response.status,
    };
  }

  /** Runs a poppler-utils tool on the PDF and returns its standard output. */
  async function poppler(tool: string, pdf: Buffer, args: string[] = []): Promise<string> {
    const file = join(workDir, `${tool}-${Date.now()}-${Math.random()}.pdf`);

    await writeFile(file, pdf);

    const { stdout } = await run(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])]);

    return stdout;
  }

  /** Text of the PDF in logical order, without bidi controls and with single spaces. */
  async function textOf(pdf: Buffer): Promise<string> {
    const raw = await poppler('pdftotext', pdf, ['-enc', 'UTF-8']);

    return raw.replace(BIDI_CONTROLS, '').replace(/[ \t]+/g, ' ');
  }

  it('extract is a PDF with the embedded font', async () => {
    const [number] = await importPersons(api, [manRow()]);
    const { headers, pdf, status } = await getPdf(`/persons/${number}/extract`);
    const fonts = await poppler('pdffonts', pdf);

    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/pdf');
    expect(headers.get('content-disposition')).toBe(
      `inline; filename="${headers.get('x-document-serial')}.pdf"`,
    );
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(fonts).toMatch(/\+Amiri-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts).toMatch(/\+Amiri-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('extract text reads back in logical order', async () => {
    const [number] = await importPersons(api, [
      manRow({
        familyNameAr: 'الحلبي',
        fatherNameAr: 'أحمد',
        givenNameAr: 'محمد',
        grandfatherNameAr: 'علي',
        motherNameAr: 'فاطمة الشامي',
      }),
    ]);
    const { pdf } = await getPdf(`/persons/${number}/extract?format=pdf`, '*/*');
    const text = await textOf(pdf);

    expect(text).toContain('إخراج قيد فردي');
    expect(text).toContain('محمد أحمد علي الحلبي');
    expect(text).toContain('فاطمة الشامي');
    expect(text).toContain(number);
    expect(text).toContain('أعزب');
  });

  it('PDF carries the serial and hash of the document', async () => {
    const [number] = await importPersons(api, [womanRow()]);
    const { headers, pdf } = await getPdf(`/persons/${number}/extract`);
    const serial = headers.get('x-document-serial') as string;
    const sha256 = headers.get('x-document-sha256') as string;
    const text = await textOf(pdf);
    const stored = await fetch(`${api.running.url}/extracts/${serial}?sha256=${sha256}`);
    const document = (await stored.json()) as CivilStatusExtract;

    expect(serial).toMatch(/^EX-\d{10}$/);
    expect(text).toContain(serial);
    expect(text.replace(/\s/g, '')).toContain(sha256);
    expect(document.sha256).toBe(sha256);
    expect(document.person.nationalNumber).toBe(number);
  });

  it('stored document renders as PDF again', async () => {
    const [number] = await importPersons(api, [manRow()]);
    const first = await getPdf(`/persons/${number}/extract`);
    const serial = first.headers.get('x-document-serial') as string;
    const sha256 = first.headers.get('x-document-sha256') as string;
    const again = await getPdf(`/extracts/${serial}?format=pdf&sha256=${sha256}`);
    const [before, after] = [await textOf(first.pdf), await textOf(again.pdf)];

    expect(again.status).toBe(200);
    expect(after).toBe(before);
  });

  it('family sheet spans pages', async () => {
    const couple = await marriedCouple(api, '1990-01-01', {
      husband: { birthDate: '1960-01-01', givenNameAr: 'يوسف' },
      wife: { birthDate: '1970-01-01', givenNameAr: 'سلمى' },
    });
    const names = ['خالد', 'سارة', 'ماهر', 'نور', 'طارق', 'ريم'];
    const births = Array.from({ length: 36 }, (_, index) => ({
      birthDate: `${1991 + Math.floor(index / 2)}-0${1 + (index % 2) * 5}-15`,
      birthPlace: 'SY0100',
      fatherNationalNumber: couple.husband,
      givenNameAr: names[index % names.length],
      motherNationalNumber: couple.wife,
      sex: index % 2 === 0 ? 'M' : 'F',
    }));
    const batch = await api.post<BatchResponse<BirthResult>>('/births/batch', births);
    const { headers, pdf, status } = await getPdf(`/families/${couple.familyId}/sheet`);
    const text = await textOf(pdf);
    const info = await poppler('pdfinfo', pdf);

    expect(batch.body.rejected).toBe(0);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/pdf');
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
    expect(text).toContain('بيان عائلي');
    expect(text).toContain('يوسف أحمد علي الحلبي');
    expect(text).toContain('سلمى أحمد علي الحمصي');
    expect(text).toContain('طارق يوسف أحمد الحلبي');
    expect(text).toContain(couple.familyId);
    for (const result of batch.body.results) {
      if (result.ok) expect(text).toContain(result.nationalNumber);
    }
    expect(text.replace(/\s/g, '')).toContain(headers.get('x-document-sha256'));
  });
});
