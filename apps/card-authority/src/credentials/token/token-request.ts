import type { Request } from 'express';

import { FORM_MEDIA_TYPE } from '@bitaqa/http';

import { OAuthError } from './oauth-error';

/** A client credentials request as read from the HTTP request, before any check of the client. */
export interface ClientCredentialsRequest {
  /** Client authentication method. A 401 after HTTP Basic names the scheme. */
  authMethod: 'basic' | 'form';
  clientId: string;
  clientSecret: string;
  /** The one service the token is for, or undefined for every service the client may call. */
  audience: string | undefined;
  /** Scopes asked for, or undefined for all of the client's scopes. */
  scopes: string[] | undefined;
}

const PARAMETERS = ['audience', 'client_id', 'client_secret', 'grant_type', 'scope'] as const;

type Parameter = (typeof PARAMETERS)[number];

function invalidRequest(code: string, message: string, field: string, hint: string): OAuthError {
  return new OAuthError('invalid_request', code, message, { field, hint });
}

/** Reads the form body. RFC 6749 section 3.2 forbids repeating a parameter. */
function formParameters(request: Request): Partial<Record<Parameter, string>> {
  if (!request.is(FORM_MEDIA_TYPE)) {
    throw invalidRequest(
      'TOKEN_REQUEST_NOT_FORM',
      'the token request body must be form-encoded',
      'content-type',
      `send the parameters with Content-Type: ${FORM_MEDIA_TYPE}`,
    );
  }

  const body = (request.body ?? {}) as Record<string, unknown>;
  const parameters: Partial<Record<Parameter, string>> = {};

  for (const name of PARAMETERS) {
    const value = body[name];

    if (value === undefined) continue;
    if (typeof value !== 'string') {
      throw invalidRequest(
        'TOKEN_PARAMETER_REPEATED',
        `the parameter ${name} appears more than once`,
        name,
        'send each parameter once',
      );
    }

    parameters[name] = value;
  }

  return parameters;
}

/** Decodes one part of a Basic credential, which RFC 6749 section 2.3.1 form-encodes. */
function formDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function basicCredentials(header: string): { clientId: string; clientSecret: string } {
  const decoded = Buffer.from(header.slice('Basic '.length).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const clientId = colon > 0 ? formDecode(decoded.slice(0, colon)) : undefined;
  const clientSecret = colon > 0 ? formDecode(decoded.slice(colon + 1)) : undefined;

  if (clientId === undefined || clientSecret === undefined) {
    throw new OAuthError(
      'invalid_client',
      'CLIENT_CREDENTIALS_MALFORMED',
      'the Basic credentials are not client_id:client_secret',
      { field: 'authorization', hint: 'send base64(client_id:client_secret)' },
      { basicAuth: true },
    );
  }

  return { clientId, clientSecret };
}

function grantType(parameters: Partial<Record<Parameter, string>>): void {
  const grant = parameters.grant_type;

  if (grant === undefined || grant === '') {
    throw invalidRequest(
      'GRANT_TYPE_MISSING',
      'the token request has no grant_type',
      'grant_type',
      'send grant_type=client_credentials',
    );
  }

  if (grant !== 'client_credentials') {
    throw new OAuthError(
      'unsupported_grant_type',
      'GRANT_TYPE_UNSUPPORTED',
      `grant type ${grant.slice(0, 100)} is not supported`,
      {
        field: 'grant_type',
        hint: 'the authority issues tokens for client_credentials only',
        value: grant.slice(0, 100),
      },
    );
  }
}

function clientCredentials(
  request: Request,
  parameters: Partial<Record<Parameter, string>>,
): Pick<ClientCredentialsRequest, 'authMethod' | 'clientId' | 'clientSecret'> {
  const header = request.headers.authorization;
  const basic = header !== undefined && /^Basic /i.test(header);
  const inForm = parameters.client_id !== undefined || parameters.client_secret !== undefined;

  if (basic && inForm) {
    throw invalidRequest(
      'CLIENT_AUTHENTICATION_REPEATED',
      'the client authenticated both with HTTP Basic and in the body',
      'client_id',
      'use one method: HTTP Basic, or client_id and client_secret in the body',
    );
  }

  if (basic) return { authMethod: 'basic', ...basicCredentials(header) };

  if (parameters.client_id === undefined || parameters.client_secret === undefined) {
    throw new OAuthError(
      'invalid_client',
      'CLIENT_AUTHENTICATION_MISSING',
      'the token request carries no client credentials',
      { field: 'authorization', hint: 'send Authorization: Basic base64(client_id:client_secret)' },
    );
  }

  return {
    authMethod: 'form',
    clientId: parameters.client_id,
    clientSecret: parameters.client_secret,
  };
}

/**
 * Reads a client credentials grant from a form-encoded POST: the grant type, the client's
 * credentials (HTTP Basic or `client_id` and `client_secret` in the body), `scope` and
 * `audience`. Only the shape is checked here, because `TokenService` checks the credential.
 */
export function readTokenRequest(request: Request): ClientCredentialsRequest {
  const parameters = formParameters(request);

  grantType(parameters);

  const scope = parameters.scope?.trim();

  return {
    ...clientCredentials(request, parameters),
    audience: parameters.audience?.trim() || undefined,
    scopes: scope ? scope.split(/ +/) : undefined,
  };
}
