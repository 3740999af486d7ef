import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { TooManyRequestsException } from '../common/domain.exception';

/**
 * The per-client budget of generate-content. The key is `request.ip`, which TRUST_PROXY makes the
 * client's address behind the ingress; the 429 says what the limit is, not which class threw.
 */
@Injectable()
export class AgentThrottlerGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw tooManyAssistantRequests(detail.limit, detail.timeToBlockExpire);
  }
}

export function tooManyAssistantRequests(limit: number, retryAfterSeconds: number): TooManyRequestsException {
  return new TooManyRequestsException(
    `Too many assistant requests from this client (at most ${limit} a minute); retry after ${retryAfterSeconds} s`,
  );
}
