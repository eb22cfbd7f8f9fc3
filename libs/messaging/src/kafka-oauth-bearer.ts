import { KafkaJSSASLAuthenticationError, type Mechanism } from 'kafkajs';

/**
 * Returns a compact JWT for the broker's OAUTHBEARER listener. kafkajs calls it for each new
 * broker connection and again before the session of a connection ends (the token's expiry), so
 * it should return a cached token until shortly before that token expires.
 */
export type OAuthBearerTokenProvider = () => Promise<string>;

// kafkajs 2.2.4 declares this constructor without parameters, but at run time it takes the
// message like every other KafkaJSError.
const SaslAuthenticationError = KafkaJSSASLAuthenticationError as unknown as new (
  message: string,
) => KafkaJSSASLAuthenticationError;

// RFC 7628 separates the parts of an OAUTHBEARER message with the ASCII SOH character.
const SEPARATOR = '\u0001';

/**
 * SASL/OAUTHBEARER for kafkajs. Unlike kafkajs' built-in mechanism it completes the exchange when
 * the broker rejects the token: Kafka then responds with a JSON error status and waits for a
 * single SOH from the client before it closes the session with SASL_AUTHENTICATION_FAILED. The
 * built-in mechanism of kafkajs 2.2.4 treats that response as success, and the client's next
 * request fails with "No brokers in the broker pool". Here the rejection becomes a
 * KafkaJSSASLAuthenticationError that contains the broker's status and message.
 */
export function oauthBearerMechanism(provideToken: OAuthBearerTokenProvider): Mechanism {
  return {
    mechanism: 'OAUTHBEARER',
    authenticationProvider: ({ host, port, saslAuthenticate }) => ({
      authenticate: async () => {
        const broker = `${host}:${port}`;
        const token = await provideToken();
        const challenge = await exchange(
          saslAuthenticate,
          `n,,${SEPARATOR}auth=Bearer ${token}${SEPARATOR}${SEPARATOR}`,
        );

        if (challenge.length === 0) {
          return;
        }

        const reason = await finishRejected(saslAuthenticate);

        throw new SaslAuthenticationError(
          `SASL OAUTHBEARER authentication failed on ${broker}: broker responded ${challenge}${reason}`,
        );
      },
    }),
  };
}

type SaslAuthenticate = Parameters<Mechanism['authenticationProvider']>[0]['saslAuthenticate'];

/** Sends one client message and returns the broker's response as text (empty on success). */
async function exchange(saslAuthenticate: SaslAuthenticate, message: string): Promise<string> {
  const answer = await saslAuthenticate<Buffer>({
    request: { encode: () => withLength(Buffer.from(message, 'utf8')) },
    response: { decode: (raw) => withoutLength(raw), parse: (data) => data },
  });

  return answer ? answer.toString('utf8') : '';
}

/** Sends the SOH that ends a rejected exchange and returns the broker's error message. */
async function finishRejected(saslAuthenticate: SaslAuthenticate): Promise<string> {
  try {
    await exchange(saslAuthenticate, SEPARATOR);

    return '';
  } catch (error) {
    return error instanceof Error ? ` (${error.message})` : '';
  }
}

// kafkajs frames SASL bytes as a Kafka BYTES field: a 4-byte big-endian length, then the data.
function withLength(data: Buffer): Buffer {
  const length = Buffer.alloc(4);

  length.writeInt32BE(data.length);

  return Buffer.concat([length, data]);
}

function withoutLength(raw: Buffer): Buffer {
  const length = raw.length >= 4 ? raw.readInt32BE(0) : 0;

  return length > 0 ? raw.subarray(4, 4 + length) : Buffer.alloc(0);
}
