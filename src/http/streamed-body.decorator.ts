import { RouteConfig } from '@nestjs/platform-fastify';

/** The route config key that {@link StreamedBody} sets. */
export const STREAMED_BODY = 'streamedBody';

/** The handler streams the raw request body itself (uploads): no parser reads it first. */
export const StreamedBody = (): MethodDecorator => RouteConfig({ [STREAMED_BODY]: true });
