import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { ServiceApplied } from '@bitaqa/contracts';
import type { Logger } from '@bitaqa/observability';

import { CLOCK, type Clock, LOGGER } from '../../core.module';
import { PrismaService } from '../../database/prisma.service';
import { TRANSACTION_OPTIONS, type DbTransaction } from '../../database/transaction';
import type { ApplicationView, ServiceRequest } from '../application';
import { runTechnicalChecks } from '../checks/technical-checks';
import type { SubmitApplicationBody } from '../dto/submit-application.body';
import { enqueueServiceChange } from '../events/service-events';

import { ApplicationNotFoundError, ServiceIdTakenError } from './application-errors';
import { ApplicationRepository } from './application.repository';
import { APPLICATION_INCLUDE, toApplicationView } from './application-view';

// Serializes submissions for one service id, so two concurrent ones cannot both pass the
// "service id is free" test. The partial unique index on live service ids backs it up.
const SUBMISSION_LOCK_NAMESPACE = 7_416_002;

/** Converts a submission body to the service request that the checks and the database use. */
export function requestFromBody(body: SubmitApplicationBody): ServiceRequest {
  return {
    agency: body.agency,
    attributes: body.attributes,
    contact: body.contact,
    name: body.name,
    needsOwnKey: body.card.needsOwnKey,
    purposeCode: body.purpose.code,
    purposeText: body.purpose.text,
    readTopics: body.topics.read,
    securityLevel: body.securityLevel,
    serviceId: body.serviceId,
    slotSizeBytes: body.card.slotSizeBytes,
    topicDomain: body.topics.domain,
    writeTopics: body.topics.write,
  };
}

/** Takes agencies' applications, runs their technical checks, and shows them to officers. */
@Injectable()
export class ServiceApplicationsService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly repository: ApplicationRepository,
  ) {}

  /** Stores an application with the results of its technical checks. */
  async submit(request: ServiceRequest, submittedBy: string): Promise<ApplicationView> {
    const id = randomUUID();
    const now = this.clock.now();

    const record = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SUBMISSION_LOCK_NAMESPACE}, hashtext(${request.serviceId}))`;
      await this.requireFreeServiceId(tx, request.serviceId);

      const checks = runTechnicalChecks(request, await this.repository.checkContext(tx));
      const { contact, ...fields } = request;
      const row = await tx.serviceApplication.create({
        data: {
          ...fields,
          checkedAt: now,
          checks: checks as unknown as object,
          contact,
          id,
          status: 'submitted',
          submittedBy,
        },
      });

      await enqueueServiceChange(tx, ServiceApplied, row, null, now);

      return tx.serviceApplication.findUniqueOrThrow({
        include: APPLICATION_INCLUDE,
        where: { id },
      });
    }, TRANSACTION_OPTIONS);

    this.logger.info(
      { applicationId: id, serviceId: request.serviceId, submittedBy },
      'service application submitted',
    );

    return toApplicationView(record);
  }

  async get(id: string): Promise<ApplicationView> {
    const record = await this.repository.find(this.prisma, id);

    if (record === null) throw new ApplicationNotFoundError(id);

    return toApplicationView(record);
  }

  /** Lists applications, newest first, optionally of one status. */
  async list(status?: ApplicationView['status']): Promise<ApplicationView[]> {
    const records = await this.prisma.serviceApplication.findMany({
      include: APPLICATION_INCLUDE,
      orderBy: { createdAt: 'desc' },
      take: 200,
      where: status === undefined ? {} : { status },
    });

    return records.map(toApplicationView);
  }

  private async requireFreeServiceId(tx: DbTransaction, serviceId: string): Promise<void> {
    const earlier = await tx.serviceApplication.findMany({
      select: { clientId: true, status: true },
      where: { serviceId },
    });

    if (earlier.some((row) => row.status !== 'rejected' && row.status !== 'revoked')) {
      throw new ServiceIdTakenError(serviceId, false);
    }

    // The credential of a revoked service keeps the service id as its client id for the record.
    if (earlier.some((row) => row.clientId !== null)) {
      throw new ServiceIdTakenError(serviceId, true);
    }

    // A credential that acts for this service id or uses it as its client id owns the registry
    // agency of that name, so a new service may not take the id over. Fuel allocation's turn
    // notice credential is one such app credential.
    const bound = await tx.credential.count({
      where: { OR: [{ serviceId }, { clientId: serviceId }] },
    });

    if (bound > 0) {
      throw new ServiceIdTakenError(serviceId, false);
    }
  }
}
