/** The platform's apps, their default HTTP ports and databases (the station keeps SQLite). */
export interface AppSpec {
  database: string | null;
  name: AppName;
  port: number;
}

export const APP_NAMES = [
  'civil-records',
  'identity-registry',
  'fuel-allocation',
  'card-authority',
  'reader-gateway',
  'station-gateway',
] as const;

export type AppName = (typeof APP_NAMES)[number];

export const APPS: Record<AppName, AppSpec> = {
  'card-authority': { database: 'bitaqa_card_authority', name: 'card-authority', port: 3004 },
  'civil-records': { database: 'bitaqa_civil_records', name: 'civil-records', port: 3001 },
  'fuel-allocation': { database: 'bitaqa_fuel_allocation', name: 'fuel-allocation', port: 3003 },
  'identity-registry': {
    database: 'bitaqa_identity_registry',
    name: 'identity-registry',
    port: 3002,
  },
  'reader-gateway': { database: 'bitaqa_reader_gateway', name: 'reader-gateway', port: 3005 },
  'station-gateway': { database: null, name: 'station-gateway', port: 3006 },
};
