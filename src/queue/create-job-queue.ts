import type { Config } from '../config/config';
import type { Logger } from '../observability/logger';
import { BullmqJobQueue } from './bullmq-queue';
import type { JobQueue } from './job-queue';
import { LocalJobQueue } from './local-queue';

export function createJobQueue(config: Config, logger: Logger): JobQueue {
  const queueLogger = logger.child({ module: 'queue' });
  if (!config.redis) return new LocalJobQueue(queueLogger);
  return new BullmqJobQueue({ redisUrl: config.redis.url, prefix: config.redis.prefix, logger: queueLogger });
}
