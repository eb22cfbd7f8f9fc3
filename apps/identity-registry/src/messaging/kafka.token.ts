/** Injection token of the app's kafkajs client. */
export const KAFKA = Symbol('KAFKA');
