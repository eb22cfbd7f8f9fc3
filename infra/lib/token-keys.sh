# The card authority's token signing key for the local platform. Services check the authority's
# JWTs against the public key set, and the Kafka broker's SASL listener checks agencies' tokens
# against the same file, so the key must exist before Kafka starts.

TOKEN_KEY_FILE="$STATE_DIR/keys/token-signing-key.json"
TOKEN_JWKS_FILE="$STATE_DIR/keys/token-jwks.json"
TOKEN_ISSUER="${AUTH_ISSUER:-bitaqa-card-authority}"

token_keys_ensure() {
  local message

  message="$(node "$INFRA_LIB_DIR/../scripts/token-keys.mjs" "$TOKEN_KEY_FILE" "$TOKEN_JWKS_FILE")" ||
    die "token keys: failed to write $TOKEN_KEY_FILE; check that $STATE_DIR/keys is writable"
  log_info "token keys: $message ($TOKEN_JWKS_FILE)"
}
