/**
 * The external_ref of a person inserted by a bulk import: the job id and the line number. It
 * marks who took the person in, so a national number repeated later in the same file is found
 * to be a duplicate instead of a retry.
 */
export function importRef(jobId: string, line: number): string {
  return `bulk:${jobId}:${line}`;
}

/** The line on which job `jobId` imported a person, or undefined when another source did. */
export function importedOnLine(externalRef: string | null, jobId: string): number | undefined {
  const match = externalRef === null ? null : /^bulk:(\d+):(\d+)$/.exec(externalRef);

  return match && match[1] === jobId ? Number(match[2]) : undefined;
}
