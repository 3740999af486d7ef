import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, Observable, switchMap } from 'rxjs';
import { ModelsService } from './models.service';

/**
 * 404 for an unknown `:id` before the body is validated, as the Go service answers (its own component
 * test sends `PUT {}` to an unknown id). Interceptors run before pipes, so the body is still raw here;
 * JSON that does not parse stays a 400, as upstream.
 */
@Injectable()
export class RegistrationExistsInterceptor implements NestInterceptor {
  constructor(private readonly models: ModelsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { id } = context.switchToHttp().getRequest<{ params: { id: string } }>().params;
    return from(this.models.requireExisting(id)).pipe(switchMap(() => next.handle()));
  }
}
