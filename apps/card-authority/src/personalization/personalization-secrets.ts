/**
 * What an encoder needs to key one card, as the secrets endpoint returns it. Every binary value
 * is base64. The body is secret: it is sent once per job and never logged or stored.
 */
export interface PersonalizationSecretsView {
  cardNumber: string;
  /** The card's certificate in the compact format, signed by the issuer key. */
  certificate: string;
  /** Static AES-128 keys of the card's secure channel, derived by the key store. */
  cardKeys: { auth: string; enc: string; mac: string };
  jobId: string;
  keyVersion: number;
  /** The card's P-256 private key as PKCS#8 DER. */
  signingKey: string;
}
