import { Inject, Injectable } from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import { Clock } from '../infrastructure/clock';
import { PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import { documentHash } from './canonical-json';
import type { DocumentBody, IssuedDocument } from './extract-types';

const SERIAL_DIGITS = 10;

/** Formats a serial number as printed: `EX-` and ten digits, such as `EX-0000000042`. */
export function formatSerial(id: bigint): string {
  return `EX-${id.toString().padStart(SERIAL_DIGITS, '0')}`;
}

/** Parses a printed serial back into its number; the caller has checked the format. */
export function parseSerial(serial: string): bigint {
  return BigInt(serial.slice('EX-'.length));
}

/**
 * Gives documents a serial, the issue date and a hash, and records each one issued, so that a
 * clerk can later look up a printed serial and compare.
 */
@Injectable()
export class ExtractIssuer {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Issues a document about `subject` (a national number or a family id) to the client
   * `issuedBy` and records it.
   */
  async issue<D extends IssuedDocument>(
    documentType: D['documentType'],
    subject: string,
    body: DocumentBody<D>,
    issuedBy: string,
  ): Promise<D> {
    // The serial is part of the hashed content, so it is drawn before the row is written.
    const [row] = await this.prisma.$queryRaw<{ id: bigint }[]>`
      SELECT nextval(pg_get_serial_sequence('issued_extracts', 'id')) AS id`;
    const id = row?.id as bigint;
    const unhashed = {
      ...body,
      documentType,
      issuedOn: this.clock.today(),
      serial: formatSerial(id),
    };
    const sha256 = documentHash(unhashed);

    await this.prisma.issuedExtract.create({
      data: {
        document: unhashed,
        documentType,
        id,
        issuedBy,
        issuedOn: new Date(`${unhashed.issuedOn}T00:00:00Z`),
        sha256,
        subject,
      },
    });
    this.logger.info(
      { documentType, issuedBy, serial: unhashed.serial, subject },
      'document issued',
    );

    return { ...unhashed, sha256 } as unknown as D;
  }

  /** Returns the document issued under `serial` as it was issued, or undefined. */
  async find(serial: string): Promise<IssuedDocument | undefined> {
    const row = await this.prisma.issuedExtract.findUnique({ where: { id: parseSerial(serial) } });

    if (!row) return undefined;

    const document = row.document as unknown as Omit<IssuedDocument, 'sha256'>;

    // A mismatch means the stored row was edited after issue. The caller still gets the stored
    // hash, because that is the one the printed document carries.
    if (documentHash(document) !== row.sha256) {
      this.logger.error({ serial }, 'stored document does not match its SHA-256');
    }

    return { ...document, sha256: row.sha256 } as IssuedDocument;
  }
}
