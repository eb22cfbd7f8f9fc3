import { ConflictError, NotFoundError } from '@bitaqa/http';

export class CredentialNotFoundError extends NotFoundError {
  constructor(clientId: string) {
    super('CREDENTIAL_NOT_FOUND', `no credential has client id ${clientId}`, {
      field: 'clientId',
      hint: 'list the credentials with GET /clients',
      value: clientId,
    });
  }
}

export class CredentialExistsError extends ConflictError {
  constructor(clientId: string) {
    super('CREDENTIAL_EXISTS', `a credential with client id ${clientId} already exists`, {
      field: 'clientId',
      hint: 'choose another client id, or leave it out to have one generated',
      value: clientId,
    });
  }
}

/** The requested status change does not apply to the credential's current status. */
export class CredentialStatusError extends ConflictError {
  constructor(clientId: string, status: string, action: string) {
    super('CREDENTIAL_STATUS_CONFLICT', `credential ${clientId} is ${status}; cannot ${action}`, {
      field: 'status',
      hint:
        status === 'revoked'
          ? 'a revoked credential stays revoked; create a new one'
          : 'read the credential with GET /clients and choose an action for its status',
      value: status,
    });
  }
}
