import type { RequestContext } from '../auth/request-context';
import type { Logger } from '../observability/logger';
import type { RequestLoaders } from './request-loaders';

export interface GraphqlContext {
  auth: RequestContext;
  logger: Logger;
  requestId: string;
  loaders: RequestLoaders;
}
