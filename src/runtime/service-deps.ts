import type { Redis } from 'ioredis';
import type { Config } from '../config/config';
import type { KeyRing } from '../crypto/key-ring';
import type { SecretBox } from '../crypto/secret-box';
import type { Orm } from '../db/orm';
import type { HookRegistry } from '../edition/extension-registry';
import type { Logger } from '../observability/logger';
import type { MicrosoftConsumerProfileResolver } from '../microsoft/consumer-profile-resolver';
import type { JobQueue } from '../queue/job-queue';

/** Everything a feature module may build its services from. Modules never read process.env themselves. */
export interface ServiceDeps {
  config: Config;
  logger: Logger;
  orm: Orm;
  queue: JobQueue;
  secretBox: SecretBox;
  /** For HMAC-signed states (per-purpose derived keys); the same ring the secret box uses. */
  keyRing: KeyRing;
  hooks: HookRegistry;
  /** Shared Redis client for caches, locks and rate limits; undefined in embedded mode. */
  redis: Redis | undefined;
  /** The one way any runtime gets Microsoft credentials: the profile bound to its consumer, or a typed failure. */
  microsoftCredentials: MicrosoftConsumerProfileResolver;
}
