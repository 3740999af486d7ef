import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { API_KEY_POLICY, ApiKeyPolicy } from './api-key.decorators';
import { MissingApiKeyException } from './domain.exception';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Optional API keys (API_KEYS). Off by default for drop-in compatibility; when on, writes and the
 * assistant need `Authorization: Bearer <key>`, reads too with API_KEYS_PROTECT_READS=true.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keyDigests: Buffer[];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {
    this.keyDigests = config.auth.apiKeys.map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.keyDigests.length === 0) return true;
    const policy = this.reflector.getAllAndOverride<ApiKeyPolicy | undefined>(API_KEY_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (policy === 'anonymous') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (policy !== 'required' && READ_METHODS.has(request.method) && !this.config.auth.protectReads)
      return true;
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (presented === undefined)
      throw new MissingApiKeyException('This operation needs Authorization: Bearer <API key>');
    if (!this.matches(presented)) throw new MissingApiKeyException('The API key is not valid');
    return true;
  }

  /** Compares digests in constant time and checks every key, so timing tells nothing about which matched. */
  private matches(presented: string): boolean {
    const candidate = digest(presented);
    let found = false;
    for (const key of this.keyDigests) found = timingSafeEqual(candidate, key) || found;
    return found;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
