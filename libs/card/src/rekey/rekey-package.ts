import { createPublicKey, KeyObject } from 'node:crypto';

import { pointFromPublicKey, verifyCardCertificate } from '@bitaqa/card-keys';

import { StaticCardKeys } from '../secure/session-keys';
import { RekeyError } from './rekey-error';

/** Package the card authority hands a reader to move one card to a new key version. */
export interface RekeyPackage {
  cardNumber: string;
  /** Static keys of the version on the card, to open the secure channel. */
  current: StaticCardKeys;
  /** Static keys of the new version. */
  next: StaticCardKeys;
  /** New P-256 private key of the card; only its scalar goes to the card. */
  signingKey: KeyObject;
  /** Card certificate of the new key pair under the new version. */
  certificate: Buffer;
  /** Self-signed issuer certificate of the new version, to verify the card certificate. */
  issuerCertificate: Buffer;
}

function invalid(message: string, cause?: unknown): RekeyError {
  return new RekeyError('REKEY_PACKAGE_INVALID', message, {}, { cause });
}

/**
 * Checks a package before any command reaches the card: the new version is greater, and the
 * certificate verifies under the new issuer certificate at `now`, names the card and the new
 * version, and certifies the public half of the signing key.
 */
export function checkRekeyPackage(pkg: RekeyPackage, now: Date): void {
  if (pkg.next.keyVersion <= pkg.current.keyVersion) {
    throw invalid(
      `new key version ${pkg.next.keyVersion} is not greater than ${pkg.current.keyVersion}`,
    );
  }

  let certificate;
  try {
    certificate = verifyCardCertificate(pkg.certificate, pkg.issuerCertificate, {
      cardNumber: pkg.cardNumber,
      now,
    });
  } catch (error) {
    throw invalid(`card certificate of the package does not verify: ${String(error)}`, error);
  }

  if (certificate.keyVersion !== pkg.next.keyVersion) {
    throw invalid(
      `card certificate is for key version ${certificate.keyVersion}, not ${pkg.next.keyVersion}`,
    );
  }

  if (!certificate.publicKey.equals(pointFromPublicKey(createPublicKey(pkg.signingKey)))) {
    throw invalid('card certificate does not certify the public key of the signing key');
  }
}
