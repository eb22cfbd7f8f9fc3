import { containerEngineAvailable, startMissingContainers } from './containers';
import { missingServiceVariables, serviceAddresses } from './service-addresses';

/**
 * Jest global setup: when service addresses are missing and a container engine is available,
 * starts the missing services with Testcontainers and exports their addresses. Otherwise
 * `serviceAddresses()` fails later, naming the variables to set.
 */
export default async function globalSetup(): Promise<void> {
  const missing = missingServiceVariables();

  if (missing.length === 0 || !(await containerEngineAvailable())) return;

  Object.assign(process.env, await startMissingContainers(missing));
  serviceAddresses();
}
