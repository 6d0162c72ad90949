import { ApiKeySchema } from './api-key.entity';
import { TenantSchema } from './tenant.entity';
import { UserSchema } from './user.entity';

/** CE entities. EE registers its own through the edition extension points. */
export const coreEntities = [TenantSchema, UserSchema, ApiKeySchema];
