import { containerEngineAvailable, startMissingContainers } from './containers';
import { missingServiceVariables, serviceAddresses } from './service-addresses';

/**
 * Jest global setup: when service addresses are missing and a container engine answers, starts
 * the missing services with Testcontainers and exports their addresses; otherwise leaves the
 * check to `serviceAddresses()`, which fails naming the variables to set.
 */
export default async function globalSetup(): Promise<void> {
  const missing = missingServiceVariables();

  if (missing.length === 0 || !(await containerEngineAvailable())) return;

  Object.assign(process.env, await startMissingContainers(missing));
  serviceAddresses();
}
