import { Prisma } from '../../apps/fuel-allocation/src/generated/prisma/client';
import type { PrismaService } from '../../apps/fuel-allocation/src/infrastructure/prisma.service';

interface PlanNode {
  'Node Type': string;
  Plans?: PlanNode[];
  'Relation Name'?: string;
}

/**
 * Wraps a PrismaService so that each `$queryRaw` of the code under test runs as
 * `EXPLAIN (FORMAT JSON)` instead and returns no rows. The plans are the ones PostgreSQL picks
 * for the service's own statements and parameters.
 */
export function explainingPrisma(prisma: PrismaService, plans: PlanNode[]): PrismaService {
  return new Proxy(prisma, {
    get(target, property, receiver) {
      if (property !== '$queryRaw') return Reflect.get(target, property, receiver) as unknown;

      return async (strings: TemplateStringsArray, ...values: unknown[]) => {
        const statement = Prisma.sql(strings, ...values);
        const rows = await target.$queryRaw<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>`
          EXPLAIN (FORMAT JSON) ${statement}`;
        const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;

        if (plan) plans.push(plan);

        return [];
      };
    },
  });
}

/** Tables read by a sequential scan anywhere in the plans, sorted and without repeats. */
export function sequentialScans(plans: PlanNode[]): string[] {
  const found = new Set<string>();
  const visit = (node: PlanNode) => {
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) found.add(node['Relation Name']);
    node.Plans?.forEach(visit);
  };

  plans.forEach(visit);

  return [...found].sort();
}

/**
 * Wraps a PrismaService so that each `$queryRaw` runs as `EXPLAIN (ANALYZE, BUFFERS)` and the
 * text plan goes to `print`; the code under test receives no rows.
 */
export function analyzingPrisma(
  prisma: PrismaService,
  print: (plan: string) => void,
): PrismaService {
  return new Proxy(prisma, {
    get(target, property, receiver) {
      if (property !== '$queryRaw') return Reflect.get(target, property, receiver) as unknown;

      return async (strings: TemplateStringsArray, ...values: unknown[]) => {
        const statement = Prisma.sql(strings, ...values);
        const rows = await target.$queryRaw<{ 'QUERY PLAN': string }[]>`
          EXPLAIN (ANALYZE, BUFFERS) ${statement}`;

        print(rows.map((row) => row['QUERY PLAN']).join('\n'));

        return [];
      };
    },
  });
}
