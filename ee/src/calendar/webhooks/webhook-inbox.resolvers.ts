import type { Resolvers } from '../../generated/graphql';
import type { WebhookReplayService } from './webhook-inbox.replay.service';

/** Thin: one service call; the admin rule is declared in ee/src/access-rules.ts. */
export function webhookInboxResolvers(replay: WebhookReplayService): Resolvers {
  return {
    Mutation: {
      replayCalendarWebhooks: (_root, { providerId, since }, { auth }) => replay.replay(auth, providerId, since),
    },
  };
}
