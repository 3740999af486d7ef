import { DependencyUnavailableException } from '../common/domain.exception';

/** The artifact store failed; the cause goes to the log, not to the client. */
export class ArtifactStoreUnavailableException extends DependencyUnavailableException {
  constructor(override readonly cause: unknown) {
    super('The artifact store is unavailable; retry later');
  }
}
