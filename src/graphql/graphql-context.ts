import type { RequestContext } from '../auth/request-context';
import type { Logger } from '../observability/logger';

export interface GraphqlContext {
  auth: RequestContext;
  logger: Logger;
  requestId: string;
}
