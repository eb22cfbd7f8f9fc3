import { timingSafeEqual } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { ConflictError, NotFoundError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { FamiliesService } from '../families/families.service';
import { LOGGER } from '../infrastructure/tokens';
import type { PersonView } from '../persons/dto/person-view.dto';
import { PersonsService } from '../persons/persons.service';

import { ExtractIssuer } from './extract-issuer';
import type {
  CivilStatusExtract,
  DocumentBody,
  FamilySheet,
  IssuedDocument,
} from './extract-types';
import { buildFamilySheet, peopleOfFamily } from './family-sheet.builder';
import { personFactsOf } from './person-facts';

// Reads of a family sheet are repeated while the family book changes underneath them. A book
// that changes during this many reads in a row is reported as busy.
const FAMILY_READ_ATTEMPTS = 3;

/** Issues civil status extracts and family sheets from the current state of the register. */
/** Compares two hex digests in constant time, ignoring letter case. */
function sameHash(expected: string, given: string): boolean {
  const left = Buffer.from(expected.toLowerCase(), 'hex');
  const right = Buffer.from(given.toLowerCase(), 'hex');

  return left.length === right.length && timingSafeEqual(left, right);
}

@Injectable()
export class ExtractsService {
  constructor(
    private readonly persons: PersonsService,
    private readonly families: FamiliesService,
    private readonly issuer: ExtractIssuer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Issues the extract of one person to client `issuedBy`, or fails with PERSON_NOT_FOUND. */
  async civilStatusExtract(nationalNumber: string, issuedBy: string): Promise<CivilStatusExtract> {
    const person = await this.persons.get(nationalNumber);

    return this.issuer.issue<CivilStatusExtract>(
      'civil-status-extract',
      nationalNumber,
      { person: personFactsOf(person) },
      issuedBy,
    );
  }

  /** Issues the sheet of one family book to client `issuedBy`, or fails with FAMILY_NOT_FOUND. */
  async familySheet(familyId: string, issuedBy: string): Promise<FamilySheet> {
    const body = await this.readFamilySheet(familyId);

    return this.issuer.issue<FamilySheet>('family-sheet', familyId, body, issuedBy);
  }

  /** Returns a document as it was issued, or fails with EXTRACT_NOT_FOUND. */
  /**
   * Returns the document issued under `serial` when `sha256` is its hash. A wrong hash gets the
   * same 404 as an unknown serial, so the check does not reveal which serials exist.
   */
  async issuedWithHash(serial: string, sha256: string): Promise<IssuedDocument> {
    const document = await this.issuer.find(serial);

    if (!document || !sameHash(document.sha256, sha256)) {
      throw new NotFoundError(
        'EXTRACT_NOT_FOUND',
        `no document was issued with serial ${serial} and that SHA-256`,
        {
          field: 'serial',
          hint: 'copy the serial (such as EX-0000000042) and the SHA-256 exactly as printed',
          value: serial,
        },
      );
    }

    return document;
  }

  /**
   * Reads the family book and every person it names. The person reads are separate queries, so
   * the book's version is read again afterwards, and the reads are repeated if a change to the
   * book landed in between.
   */
  private async readFamilySheet(familyId: string): Promise<DocumentBody<FamilySheet>> {
    for (let attempt = 1; attempt <= FAMILY_READ_ATTEMPTS; attempt += 1) {
      const family = await this.families.get(familyId);
      const head = await this.persons.get(family.headNationalNumber);
      const others = peopleOfFamily(family, head).filter(
        (number) => number !== head.nationalNumber,
      );
      const people = new Map<string, PersonView>([[head.nationalNumber, head]]);

      for (const person of await Promise.all(others.map((number) => this.persons.get(number)))) {
        people.set(person.nationalNumber, person);
      }

      const after = await this.families.get(familyId);

      if (after.version === family.version) return buildFamilySheet(family, people);

      this.logger.warn(
        { attempt, familyId, versionAfter: after.version, versionBefore: family.version },
        'family book changed while its sheet was read; reading again',
      );
    }

    throw new ConflictError(
      'FAMILY_BOOK_BUSY',
      `family book ${familyId} changed during every read of its sheet`,
      { field: 'familyId', hint: 'request the sheet again in a moment', value: familyId },
    );
  }
}
