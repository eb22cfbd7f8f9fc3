import { NotFoundError } from '@bitaqa/http';

export function agencyNotFound(serviceId: string): NotFoundError {
  return new NotFoundError('AGENCY_NOT_FOUND', `no agency has service id ${serviceId}`, {
    field: 'serviceId',
    hint: 'create the agency with POST /agencies first',
    value: serviceId,
  });
}
