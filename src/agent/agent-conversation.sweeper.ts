import {
  Inject,
  Injectable,
  Logger,
  BeforeApplicationShutdown,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AgentConversationService } from './agent-conversation.service';

/** The sweep runs at least this often; expired conversations answer 404 before it anyway. */
const MAX_SWEEP_INTERVAL_MS = 60_000;

/** Deletes expired conversations periodically, so that idle ones do not pile up. */
@Injectable()
export class AgentConversationSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AgentConversationSweeper.name);
  private readonly intervalMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly conversations: AgentConversationService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.intervalMs = Math.min(config.conversations.idleSeconds * 1000, MAX_SWEEP_INTERVAL_MS);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      const deleted = await this.conversations.sweep();
      if (deleted > 0) this.logger.log({ deleted }, 'Expired assistant conversations deleted');
    } catch (error) {
      // The database may be briefly away; the next sweep catches up.
      this.logger.warn({ err: error }, 'Sweeping expired assistant conversations failed');
    }
  }
}
