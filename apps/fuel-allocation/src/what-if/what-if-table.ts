import type { GovernorateImpact, WhatIfReport } from './what-if.types';

function columnsOf(impact: GovernorateImpact): (string | number)[] {
  const counts = [
    impact.families.beneficiaries,
    impact.families.affected,
    impact.families.gaining,
    impact.families.losing,
  ];
  const vehicles = impact.vehicles
    ? [
        impact.vehicles.beneficiaries,
        impact.vehicles.affected,
        impact.vehicles.gaining,
        impact.vehicles.losing,
      ]
    : [];

  return [
    impact.governorate,
    ...counts,
    ...vehicles,
    impact.quantityBefore,
    impact.quantityAfter,
    impact.delta,
  ];
}

/** Renders a what-if report as a plain-text table with right-aligned numbers. */
export function whatIfTable(report: WhatIfReport): string {
  const withVehicles = report.total.vehicles !== undefined;
  const header = [
    'governorate',
    'families',
    'affected',
    'gaining',
    'losing',
    ...(withVehicles ? ['vehicles', 'v-affected', 'v-gaining', 'v-losing'] : []),
    `before (${report.unit}/365 d)`,
    `after (${report.unit}/365 d)`,
    'delta',
  ];
  const body = [...report.governorates.map(columnsOf), columnsOf(report.total)].map((row) =>
    row.map(String),
  );
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const inForce = report.policyInForce
    ? `version ${report.policyInForce.version} (${report.policyInForce.periodQuantity} per ${report.policyInForce.periodDays} days)`
    : 'none';

  return [
    `${report.productCode} draft from ${report.effectiveFrom} compared with the policy in force: ${inForce}`,
    line(header),
    ...body.map(line),
  ].join('\n');
}
