import { Module } from '@nestjs/common';
import { DeprecatedModelController } from './deprecated-model.controller';
import { ModelDiscoveryController } from './model-discovery.controller';
import { ModelListingCache } from './model-listing.cache';
import { ModelRegistrationController } from './model-registration.controller';
import { ModelRegistrationRepository } from './model-registration.repository';
import { ModelsService } from './models.service';

@Module({
  controllers: [ModelRegistrationController, ModelDiscoveryController, DeprecatedModelController],
  providers: [ModelsService, ModelRegistrationRepository, ModelListingCache],
  // The repository too: archive transactions lock and update registrations through it.
  exports: [ModelsService, ModelRegistrationRepository],
})
export class ModelsModule {}
