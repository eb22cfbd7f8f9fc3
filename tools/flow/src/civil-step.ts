import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { TokenSource } from '@bitaqa/auth';

import { expectStatus, getOk } from './http-json';

interface MemberView {
  alive: boolean;
  joinedOn: string;
  nationalNumber: string;
  role: string;
}

interface FamilyView {
  familyId: string;
  formerMembers: MemberView[];
  headNationalNumber: string;
  members: MemberView[];
}

interface PersonView {
  birthDate: string;
  familyNameAr: string;
  givenNameAr: string;
  motherNameAr: string;
  nationalNumber: string;
}

export interface Couple {
  familyId: string;
  husband: string;
  wife: string;
}

export interface SavedDocument {
  bytes: number;
  pages: number;
  path: string;
  serial: string | null;
}

export interface CivilStepResult {
  /** Current members of the family book on a date before the divorce and today. */
  before: { asOf: string; members: number };
  correction: { changedFields: string[]; from: string; to: string };
  couple: Couple;
  divorce: { familyIds: string[]; status: string };
  extract: SavedDocument;
  familySheet: SavedDocument;
  now: { members: number };
  /** The corrected person's current record at civil records. */
  person: PersonView;
}

const COURT = 'محكمة البداية الشرعية بدمشق';
// Two names, because a correction to the name already registered is rejected as NOTHING_TO_CORRECT.
const CORRECTED_GIVEN_NAMES = ['نزار', 'وسيم'];

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Picks a couple in an active marriage from the family books of the given heads: a book with one
 * living wife who joined before `filedOn` and at least one child, so the book keeps members
 * after the wife leaves it.
 */
export async function pickCouple(
  civilUrl: string,
  clerk: TokenSource,
  heads: { familyId: string | null; nationalNumber: string }[],
  filedOn: string,
): Promise<Couple | undefined> {
  for (const head of heads) {
    if (!head.familyId) continue;

    const family = await getOk<FamilyView>(`${civilUrl}/families/${head.familyId}`, clerk);
    const wives = family.members.filter((member) => member.role === 'wife' && member.alive);
    const children = family.members.filter((member) => member.role === 'child');
    const wife = wives.length === 1 ? wives[0] : undefined;

    if (wife && children.length > 0 && wife.joinedOn < filedOn) {
      return { familyId: family.familyId, husband: head.nationalNumber, wife: wife.nationalNumber };
    }
  }

  return undefined;
}

/** Counts PDF page objects, because pdfkit writes one `/Type /Page` dictionary per page. */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

async function savePdf(url: string, clerk: TokenSource, path: string): Promise<SavedDocument> {
  const response = await fetch(url, {
    headers: { accept: 'application/pdf', authorization: await clerk.authorization() },
  });
  const pdf = Buffer.from(await response.arrayBuffer());

  if (response.status !== 200 || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new Error(`GET ${url} returned HTTP ${response.status} and no PDF`);
  }
  writeFileSync(path, pdf);

  return {
    bytes: pdf.length,
    pages: pageCount(pdf),
    path,
    serial: response.headers.get('x-document-serial'),
  };
}

function memberCount(family: FamilyView): number {
  return family.members.length;
}

/** Files the couple's divorce two days ago and makes it final today. */
async function divorce(
  civilUrl: string,
  clerk: TokenSource,
  couple: Couple,
): Promise<CivilStepResult['divorce']> {
  const caseNumber = couple.husband.slice(-6);
  const filed = await expectStatus<{ divorceId: string }>(
    [200, 201],
    'POST',
    `${civilUrl}/divorces`,
    {
      auth: clerk,
      body: {
        filing: { court: COURT, date: daysAgo(2), number: `${caseNumber}/D` },
        husbandNationalNumber: couple.husband,
        wifeNationalNumber: couple.wife,
      },
    },
  );
  const finalized = await expectStatus<{ familyIds: string[]; status: string }>(
    200,
    'POST',
    `${civilUrl}/divorces/${filed.divorceId}/finalize`,
    {
      auth: clerk,
      body: { decision: { court: COURT, date: daysAgo(0), number: `${caseNumber}/F` } },
    },
  );

  return { familyIds: finalized.familyIds, status: finalized.status };
}

/** Replaces the person's given name by a court decision dated today. */
async function correctGivenName(
  civilUrl: string,
  clerk: TokenSource,
  nationalNumber: string,
): Promise<{ correction: CivilStepResult['correction']; person: PersonView }> {
  const previous = await getOk<PersonView>(`${civilUrl}/persons/${nationalNumber}`, clerk);
  const corrected = await expectStatus<{ changedFields: string[] }>(
    [200, 201],
    'POST',
    `${civilUrl}/corrections`,
    {
      auth: clerk,
      body: {
        changes: {
          givenNameAr: CORRECTED_GIVEN_NAMES.find((name) => name !== previous.givenNameAr),
        },
        decision: { court: COURT, date: daysAgo(0), number: `${nationalNumber.slice(-6)}/C` },
        nationalNumber,
      },
    },
  );
  const person = await getOk<PersonView>(`${civilUrl}/persons/${nationalNumber}`, clerk);

  return {
    correction: {
      changedFields: corrected.changedFields,
      from: previous.givenNameAr,
      to: person.givenNameAr,
    },
    person,
  };
}

/**
 * Files and finalizes one couple's divorce and corrects the husband's given name by court
 * decision. Then reads the family book before the divorce and today, and writes his civil
 * status extract and the family sheet as PDFs into `documentsDir`.
 */
export async function runCivilStep(
  civilUrl: string,
  clerk: TokenSource,
  couple: Couple,
  documentsDir: string,
): Promise<CivilStepResult> {
  const divorced = await divorce(civilUrl, clerk, couple);
  const { correction, person } = await correctGivenName(civilUrl, clerk, couple.husband);
  const familyUrl = `${civilUrl}/families/${couple.familyId}`;
  const asOf = daysAgo(3);
  const before = await getOk<FamilyView>(`${familyUrl}?asOf=${asOf}`, clerk);
  const now = await getOk<FamilyView>(familyUrl, clerk);

  mkdirSync(documentsDir, { recursive: true });

  return {
    before: { asOf, members: memberCount(before) },
    correction,
    couple,
    divorce: divorced,
    extract: await savePdf(
      `${civilUrl}/persons/${couple.husband}/extract?format=pdf`,
      clerk,
      join(documentsDir, `extract-${couple.husband}.pdf`),
    ),
    familySheet: await savePdf(
      `${familyUrl}/sheet?format=pdf`,
      clerk,
      join(documentsDir, `family-sheet-${couple.familyId}.pdf`),
    ),
    now: { members: memberCount(now) },
    person,
  };
}
