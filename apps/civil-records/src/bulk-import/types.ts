/** The two input files of a bulk import, in the order a job reads them. */
export type FileKind = 'families' | 'persons';

/** One problem on one line of an input file, as the reject report lists it. */
export interface RejectEntry {
  code: string;
  /** Header name of the column at fault; null when the whole line is at fault. */
  column: string | null;
  line: number;
  message: string;
  value: string | null;
}

/** What happened to the records of one batch. */
export interface BatchOutcome {
  accepted: number;
  events: number;
  existing: number;
  /** Records read: data lines of a persons file, families of a families file. */
  read: number;
  rejected: number;
  rejects: RejectEntry[];
}
