import { Module } from '@nestjs/common';

import { SignedTokenSource, type TokenSource } from '@bitaqa/auth';

import { TOKEN_KEYS, type TokenKeys } from '../auth/token-keys';
import { CredentialsModule } from '../credentials/credentials.module';
import { KeysModule } from '../keys/keys.module';

import { ApplicationRepository } from './applications/application.repository';
import { ServiceApplicationsController } from './applications/service-applications.controller';
import { ServiceApplicationsService } from './applications/service-applications.service';
import { ServiceDecisionsService } from './applications/service-decisions.service';
import { CatalogController } from './catalog/catalog.controller';
import { CatalogService } from './catalog/catalog.service';
import { ServiceLifecycleController } from './catalog/service-lifecycle.controller';
import { loadOnboardingSettings, ONBOARDING_SETTINGS } from './onboarding-settings';
import {
  IdentityRegistryClient,
  REGISTRY_TOKEN_SOURCE,
} from './provisioning/identity-registry.client';
import { OperationRunner } from './provisioning/operation-runner';
import { OPERATION_STEPS, type OperationStep } from './provisioning/operation-step';
import { ServiceTopics } from './provisioning/service-topics';
import { AclsStep } from './provisioning/steps/acls.step';
import { CardSlotStep } from './provisioning/steps/card-slot.step';
import { CatalogStep } from './provisioning/steps/catalog.step';
import { CredentialsStep } from './provisioning/steps/credentials.step';
import { RegistryPolicyStep } from './provisioning/steps/registry-policy.step';
import { TopicsStep } from './provisioning/steps/topics.step';
import { KafkaTopicAccess, TOPIC_ACCESS } from './provisioning/topic-access';
import { ServiceSlots } from './slots/service-slots';

/** Lifetime of the tokens the authority signs for its own calls to the identity registry. */
const REGISTRY_TOKEN_TTL_SECONDS = 300;

const STEP_CLASSES = [
  AclsStep,
  CardSlotStep,
  CatalogStep,
  CredentialsStep,
  RegistryPolicyStep,
  TopicsStep,
];

/**
 * Service onboarding: agencies' applications and their technical checks, officers' decisions,
 * provisioning of credentials, topics, ACLs, registry policy and card slot, and the public
 * service catalog.
 */
@Module({
  controllers: [CatalogController, ServiceApplicationsController, ServiceLifecycleController],
  imports: [CredentialsModule, KeysModule],
  providers: [
    ...STEP_CLASSES,
    ApplicationRepository,
    CatalogService,
    IdentityRegistryClient,
    OperationRunner,
    ServiceApplicationsService,
    ServiceDecisionsService,
    ServiceSlots,
    ServiceTopics,
    { provide: ONBOARDING_SETTINGS, useFactory: () => loadOnboardingSettings() },
    {
      inject: STEP_CLASSES,
      provide: OPERATION_STEPS,
      useFactory: (...steps: OperationStep[]): OperationStep[] => steps,
    },
    {
      inject: [TOKEN_KEYS],
      provide: REGISTRY_TOKEN_SOURCE,
      useFactory: (keys: TokenKeys): TokenSource =>
        new SignedTokenSource(keys.signer, {
          audience: 'identity-registry',
          kind: 'app',
          scopes: ['identity:agencies'],
          subject: 'card-authority',
          ttlSeconds: REGISTRY_TOKEN_TTL_SECONDS,
        }),
    },
    { provide: TOPIC_ACCESS, useClass: KafkaTopicAccess },
  ],
})
export class ServicesModule {}
