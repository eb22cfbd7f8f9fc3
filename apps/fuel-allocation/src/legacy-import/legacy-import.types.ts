import type { CalendarDay } from '../calendar/calendar-day';
import type { BeneficiaryKind, VehicleClass } from '../catalogue/catalogue.types';

/** Columns of a legacy card file, in order; the first line must name them exactly. */
export const LEGACY_COLUMNS = [
  'legacy_card_number',
  'kind',
  'national_number',
  'plate',
  'vehicle_class',
  'governorate',
  'issue_date',
] as const;

/** Reason codes of lines that were not applied. */
export const REJECTION_REASONS = [
  'malformed-line',
  'bad-check-digit',
  'unknown-national-number',
  'deceased-holder',
  'duplicate-card',
  'unknown-class',
  'plate-registered',
] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** A well-formed line of a legacy card file. */
export interface LegacyCardLine {
  governorate: string;
  issueDate: CalendarDay;
  kind: BeneficiaryKind;
  legacyCardNumber: string;
  lineNumber: number;
  nationalNumber: string;
  /** Set for vehicle cards only. */
  plate: string | null;
  raw: string;
  vehicleClass: VehicleClass | null;
}

export interface Rejection {
  detail: string;
  legacyCardNumber: string | null;
  line: string;
  lineNumber: number;
  reason: RejectionReason;
}

export type ImportStatus = 'completed' | 'failed' | 'running';

export interface LegacyImportView {
  error: string | null;
  finishedAt: string | null;
  importId: string;
  /** Cards stored by this run. */
  imported: number;
  /** Lines read, the header and blank lines excluded. */
  lines: number;
  path: string;
  rejected: number;
  /** Rejections per reason. */
  rejections: Partial<Record<RejectionReason, number>>;
  startedAt: string;
  status: ImportStatus;
  /** Cards an earlier run already stored with the same content. */
  unchanged: number;
  vehiclesCreated: number;
}

/** Progress of one batch, added to the import's counts. */
export interface BatchOutcome {
  imported: number;
  rejections: Rejection[];
  unchanged: number;
  vehiclesCreated: number;
}
