import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { API_KEY_POLICY, ApiKeyPolicy, needsApiKey } from './api-key.decorators';
import { ApiKeyVerifier } from './api-key.verifier';

/**
 * Optional API keys (API_KEYS). Off by default for drop-in compatibility; when on, writes and the
 * assistant need `Authorization: Bearer <key>`, reads too with API_KEYS_PROTECT_READS=true.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly verifier: ApiKeyVerifier;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {
    this.verifier = new ApiKeyVerifier(config.auth);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.verifier.enabled) return true;
    const policy = this.reflector.getAllAndOverride<ApiKeyPolicy | undefined>(API_KEY_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!needsApiKey(request.method, policy, this.config.auth.protectReads)) return true;
    this.verifier.verify(request.headers.authorization);
    return true;
  }
}
