import type { SavedDocument } from './civil-step';
import type { AgencyStepResult, RegistryStepResult } from './registry-step';
import type { AuthResult, FlowResult } from './run-flow';

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function litres(millilitres: number): string {
  return `${(millilitres / 1000).toLocaleString('en-US')} L`;
}

function describeDocument(document: SavedDocument): string {
  const pages = `${document.pages} ${document.pages === 1 ? 'page' : 'pages'}`;

  return `${document.path} (${pages}, ${(document.bytes / 1024).toFixed(1)} KiB, ${document.serial})`;
}

function registryLines(step: RegistryStepResult | undefined): string[] {
  if (!step) return ['civil and identity    no family with one wife and a child; step skipped'];

  const { civil, identity } = step;
  const agencyLookups = identity.lookups.filter((lookup) => lookup.serviceId !== null);

  return [
    `divorce               ${civil.couple.husband} and ${civil.couple.wife}: ${civil.divorce.status}, books changed ${civil.divorce.familyIds.join(', ')}`,
    `family book           ${civil.couple.familyId}: ${civil.before.members} members on ${civil.before.asOf}, ${civil.now.members} today`,
    `court correction      given name ${civil.correction.from} -> ${civil.correction.to} (${civil.correction.changedFields.join(', ')})`,
    `civil extract         ${describeDocument(civil.extract)}`,
    `family sheet          ${describeDocument(civil.familySheet)}`,
    `agency verification   corrected name match ${identity.verification.current}; former name match ${identity.verification.former.match}, mismatched ${identity.verification.former.mismatched.join(', ')}`,
    `agency release        ${JSON.stringify(identity.released)}`,
    `lookups of the person ${identity.lookups.length} (${agencyLookups.map((lookup) => `${lookup.kind} ${lookup.outcome}`).join(', ')})`,
    `operator name search  ${identity.searchHits} hit(s), corrected person found ${identity.searchFoundPerson}`,
    `mobile bound          ${identity.bound.mobileNumber} at ${identity.bound.boundAt} with the SMS code`,
    `SMS notice            ${identity.notice.status} after ${identity.notice.attempts} attempt(s), received by the operator ${identity.notice.delivered}`,
    `open duplicate cases  ${identity.duplicates.open}${identity.duplicates.more ? ' or more' : ''}`,
  ];
}

function authLines(auth: AuthResult, agency: AgencyStepResult | undefined): string[] {
  const lines = [
    `bootstrap clients     ${auth.bootstrapClients.length}: ${auth.bootstrapClients.join(', ')}`,
    `tokens issued         ${auth.tokensIssued} by the card authority, ${auth.tokensFetchedByFlow} of them fetched by the flow itself`,
  ];

  if (!agency) return lines;

  const { suspension } = agency;

  return [
    ...lines,
    `agency onboarding     ${agency.serviceId}: ${agency.checksPassed.passed}/${agency.checksPassed.total} checks passed, approved (${agency.steps.join(', ')}), client ${agency.clientId}, notices client ${agency.noticeClientId}`,
    `services catalog      ${agency.serviceId} ${suspension.catalogStatus.before} in GET /services, ${suspension.catalogStatus.after} after the officer's suspension`,
    `after suspension      held token at the registry: HTTP ${suspension.heldToken.status} ${suspension.heldToken.code}; new token: HTTP ${suspension.newToken.status} ${suspension.newToken.code}`,
  ];
}

/** Formats the closing report of a flow run as lines of text. */
export function formatSummary(result: FlowResult, elapsedMs: number): string[] {
  const { after, feed } = result;
  const byStatus = after.authority.byStatus;
  const granted = after.fuel.products.filter((product) => product.granted > 0);
  const grantedMl = sum(
    granted.filter((product) => product.unit === 'ml').map((product) => product.granted),
  );
  const grantedCylinders = sum(
    granted.filter((product) => product.unit === 'cylinder').map((product) => product.granted),
  );
  const refusedAtStation = result.refusedAfterDeath.filter(
    (outcome) => outcome.status === 422,
  ).length;
  const retried = result.sales.retried;
  const replay = retried
    ? `status ${retried.replay.status}, replayed ${String(retried.replay.body.replayed)}, ` +
      `same redemption ${String(retried.replay.body.redemptionId === retried.first.body.redemptionId)}`
    : 'not run';

  return [
    '',
    '=== Bitaqa flow summary ===',
    `time                  ${(elapsedMs / 1000).toFixed(0)} s`,
    `civil records         ${after.civil.persons} persons, ${after.civil.families} families, ${after.civil.marriages} marriages, ${after.civil.deaths} deaths`,
    `fed                   ${feed.persons.created} imported, ${feed.marriages.created} marriages, ${feed.births.created} births, ${feed.deaths.created} deaths in ${(feed.elapsedMs / 1000).toFixed(1)} s`,
    `identities            ${after.identity.identities} (${after.identity.active} active, ${after.identity.deceased} deceased, ${after.identity.heads} family heads)`,
    `cards                 ${after.authority.total} requested, ${byStatus.issued ?? 0} issued, ${byStatus.revoked ?? 0} revoked, ${after.authority.personalizationFailed} awaiting an officer`,
    `quotas granted        ${after.fuel.families} families: ${litres(grantedMl)} of fuel and ${grantedCylinders} gas cylinders`,
    `redemptions           ${after.fuel.redemptions} (${result.sales.accepted.length} sales at the pump, ${result.sales.refused.length} refused)`,
    `retried sale          ${replay}`,
    `two stations, 1 left  HTTP ${result.race.join(' and ')}`,
    `holders died          ${result.deaths.length}; their cards refused at the station ${refusedAtStation} of ${result.refusedAfterDeath.length} times`,
    `quotas after deaths   ${result.entitlementChanges
      .map(
        (change) =>
          `${change.familyId}: ${change.livingBefore}->${change.livingAfter} living, heating diesel ${litres(change.heatingDieselBefore)}->${litres(change.heatingDieselAfter)}`,
      )
      .slice(0, 3)
      .join('; ')}`,
    `station cache         ${after.station.cards.total} cards, transactions ${JSON.stringify(after.station.transactions)}`,
    ...registryLines(result.registry),
    ...authLines(result.auth, result.registry?.agency),
    '',
    'sample card:',
    JSON.stringify(result.sampleCard, null, 2),
    '',
    'sample redemption:',
    JSON.stringify(result.sales.accepted[0]?.body, null, 2),
  ];
}
