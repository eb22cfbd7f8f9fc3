import type { Tx } from '../infrastructure/prisma.service';

import type { BatchOutcome, LegacyCardLine, Rejection } from './legacy-import.types';
import { isRejection } from './legacy-line';

/** Cards and plates met earlier in the same file, so a repeat is caught across batches. */
export interface SeenInRun {
  cards: Map<string, number>;
  plates: Map<string, string>;
}

interface Holder {
  dead: boolean;
  family_id: string;
  national_number: string;
}

interface StoredCard {
  family_id: string;
  holder_national_number: string;
  kind: string;
  legacy_card_number: string;
  vehicle_plate: string | null;
}

interface StoredVehicle {
  owner_national_number: string;
  plate: string;
  vehicle_class: string;
}

/** Stored rows that the batch's lines are checked against. */
interface Lookups {
  cards: Map<string, StoredCard>;
  cardsByPlate: Map<string, string>;
  holders: Map<string, Holder>;
  vehicles: Map<string, StoredVehicle>;
}

function rejection(line: LegacyCardLine, reason: Rejection['reason'], detail: string): Rejection {
  return {
    detail,
    legacyCardNumber: line.legacyCardNumber,
    line: line.raw,
    lineNumber: line.lineNumber,
    reason,
  };
}

/** Rejects the second and later lines of a card number, or of a plate under another card. */
function repeatInRun(line: LegacyCardLine, seen: SeenInRun): Rejection | undefined {
  const earlierLine = seen.cards.get(line.legacyCardNumber);

  if (earlierLine !== undefined) {
    return rejection(line, 'duplicate-card', `legacy card already on line ${earlierLine}`);
  }
  seen.cards.set(line.legacyCardNumber, line.lineNumber);
  if (!line.plate) return undefined;

  const plateCard = seen.plates.get(line.plate);

  if (plateCard !== undefined) {
    return rejection(
      line,
      'duplicate-card',
      `plate ${line.plate} already on legacy card ${plateCard}`,
    );
  }
  seen.plates.set(line.plate, line.legacyCardNumber);

  return undefined;
}

/**
 * Finds each national number's family and whether the person is dead. A person listed in
 * several family books belongs to the one where they are head, else to the first by id.
 */
async function lookUp(tx: Tx, lines: LegacyCardLine[]): Promise<Lookups> {
  const numbers = [...new Set(lines.map((line) => line.nationalNumber))];
  const cardNumbers = lines.map((line) => line.legacyCardNumber);
  const plates = lines.flatMap((line) => (line.plate ? [line.plate] : []));
  const holders = await tx.$queryRaw<Holder[]>`
    SELECT DISTINCT ON (m.national_number) m.national_number, m.family_id,
           (NOT m.alive OR d.national_number IS NOT NULL) AS dead
    FROM family_members m
    LEFT JOIN deaths d ON d.national_number = m.national_number
    WHERE m.national_number = ANY(${numbers}::text[])
    ORDER BY m.national_number, (m.role = 'head') DESC, m.family_id`;
  const cards = await tx.$queryRaw<StoredCard[]>`
    SELECT legacy_card_number, kind::text AS kind, family_id, holder_national_number,
           vehicle_plate
    FROM legacy_cards
    WHERE legacy_card_number = ANY(${cardNumbers}::text[])
       OR vehicle_plate = ANY(${plates}::text[])`;
  const vehicles = await tx.$queryRaw<StoredVehicle[]>`
    SELECT plate, owner_national_number, vehicle_class::text AS vehicle_class
    FROM vehicles WHERE plate = ANY(${plates}::text[])`;

  return {
    cards: new Map(cards.map((card) => [card.legacy_card_number, card])),
    cardsByPlate: new Map(
      cards.flatMap((card) =>
        card.vehicle_plate ? [[card.vehicle_plate, card.legacy_card_number]] : [],
      ),
    ),
    holders: new Map(holders.map((holder) => [holder.national_number, holder])),
    vehicles: new Map(vehicles.map((vehicle) => [vehicle.plate, vehicle])),
  };
}

type Verdict = Rejection | 'unchanged' | 'new';

/** Decides one line against what is stored: rejected, already imported, or new. */
function judge(line: LegacyCardLine, found: Lookups): Verdict {
  const holder = found.holders.get(line.nationalNumber);

  if (!holder) {
    return rejection(line, 'unknown-national-number', `no family lists ${line.nationalNumber}`);
  }
  if (holder.dead) {
    return rejection(line, 'deceased-holder', `${line.nationalNumber} is recorded as dead`);
  }

  const stored = found.cards.get(line.legacyCardNumber);

  if (stored) {
    const same =
      stored.kind === line.kind &&
      stored.family_id === holder.family_id &&
      stored.holder_national_number === line.nationalNumber &&
      stored.vehicle_plate === line.plate;

    return same
      ? 'unchanged'
      : rejection(
          line,
          'duplicate-card',
          `legacy card already imported for family ${stored.family_id}`,
        );
  }
  if (!line.plate) return 'new';

  const plateCard = found.cardsByPlate.get(line.plate);

  if (plateCard !== undefined) {
    return rejection(
      line,
      'duplicate-card',
      `plate ${line.plate} already on legacy card ${plateCard}`,
    );
  }

  const vehicle = found.vehicles.get(line.plate);

  if (
    vehicle &&
    (vehicle.owner_national_number !== line.nationalNumber ||
      vehicle.vehicle_class !== line.vehicleClass)
  ) {
    return rejection(
      line,
      'plate-registered',
      `plate ${line.plate} is registered to ${vehicle.owner_national_number} as ${vehicle.vehicle_class}`,
    );
  }

  return 'new';
}

async function insertVehicles(tx: Tx, lines: LegacyCardLine[]): Promise<number> {
  const vehicles = lines.filter((line) => line.plate !== null);

  if (vehicles.length === 0) return 0;

  // Accounts are granted on the vehicle's first read or redemption (refreshed_on is null).
  const created = await tx.$queryRaw<{ plate: string }[]>`
    INSERT INTO vehicles (plate, vehicle_class, owner_national_number)
    SELECT * FROM unnest(
      ${vehicles.map((line) => line.plate)}::text[],
      ${vehicles.map((line) => line.vehicleClass)}::vehicle_class[],
      ${vehicles.map((line) => line.nationalNumber)}::text[])
    ON CONFLICT (plate) DO NOTHING
    RETURNING plate`;

  return created.length;
}

async function insertCards(
  tx: Tx,
  importId: string,
  lines: LegacyCardLine[],
  found: Lookups,
): Promise<number> {
  if (lines.length === 0) return 0;

  const inserted = await tx.$queryRaw<{ legacy_card_number: string }[]>`
    INSERT INTO legacy_cards (legacy_card_number, kind, family_id, holder_national_number,
                              vehicle_plate, governorate, issue_date, import_id)
    SELECT number, kind, family, holder, plate, governorate, issued, ${importId}::uuid
    FROM unnest(
      ${lines.map((line) => line.legacyCardNumber)}::text[],
      ${lines.map((line) => line.kind)}::beneficiary[],
      ${lines.map((line) => found.holders.get(line.nationalNumber)?.family_id)}::text[],
      ${lines.map((line) => line.nationalNumber)}::text[],
      ${lines.map((line) => line.plate)}::text[],
      ${lines.map((line) => line.governorate)}::text[],
      ${lines.map((line) => line.issueDate)}::date[])
      AS new_card (number, kind, family, holder, plate, governorate, issued)
    ON CONFLICT (legacy_card_number) DO NOTHING
    RETURNING legacy_card_number`;

  return inserted.length;
}

async function insertRejections(tx: Tx, importId: string, rejections: Rejection[]): Promise<void> {
  if (rejections.length === 0) return;

  await tx.$executeRaw`
    INSERT INTO legacy_import_rejections (import_id, line_number, reason, detail,
                                          legacy_card_number, line)
    SELECT ${importId}::uuid, * FROM unnest(
      ${rejections.map((entry) => entry.lineNumber)}::int[],
      ${rejections.map((entry) => entry.reason)}::text[],
      ${rejections.map((entry) => entry.detail)}::text[],
      ${rejections.map((entry) => entry.legacyCardNumber)}::text[],
      ${rejections.map((entry) => entry.line)}::text[])`;
}

/**
 * Applies one batch in `tx`: checks each line against the run so far and the stored data,
 * creates the vehicles of new vehicle cards, stores new cards and records the rejections.
 */
export async function applyBatch(
  tx: Tx,
  importId: string,
  lines: (LegacyCardLine | Rejection)[],
  seen: SeenInRun,
): Promise<BatchOutcome> {
  const rejections: Rejection[] = [];
  const candidates: LegacyCardLine[] = [];

  for (const line of lines) {
    if (isRejection(line)) {
      rejections.push(line);
      continue;
    }

    const repeat = repeatInRun(line, seen);

    if (repeat) rejections.push(repeat);
    else candidates.push(line);
  }

  const found = await lookUp(tx, candidates);
  const fresh: LegacyCardLine[] = [];
  let unchanged = 0;

  for (const line of candidates) {
    const verdict = judge(line, found);

    if (verdict === 'new') fresh.push(line);
    else if (verdict === 'unchanged') unchanged += 1;
    else rejections.push(verdict);
  }

  const vehiclesCreated = await insertVehicles(tx, fresh);
  const imported = await insertCards(tx, importId, fresh, found);

  await insertRejections(tx, importId, rejections);

  return { imported, rejections, unchanged: unchanged + fresh.length - imported, vehiclesCreated };
}
