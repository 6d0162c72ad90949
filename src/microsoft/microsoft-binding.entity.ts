import { EntitySchema } from '@mikro-orm/core';
import type { MicrosoftConsumer } from '../edition/matrix';

export interface MicrosoftConsumerBindingRow {
  tenantId: string;
  consumer: MicrosoftConsumer;
  profileId: string;
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export const MicrosoftConsumerBindingSchema = new EntitySchema<MicrosoftConsumerBindingRow>({
  name: 'MicrosoftConsumerBinding',
  tableName: 'microsoft_profile_consumer_bindings',
  properties: {
    tenantId: { type: 'uuid', fieldName: 'tenant_id', primary: true },
    consumer: { type: 'string', primary: true },
    profileId: { type: 'uuid', fieldName: 'profile_id' },
    createdBy: { type: 'string', fieldName: 'created_by' },
    updatedBy: { type: 'string', fieldName: 'updated_by' },
    createdAt: { type: 'Date', fieldName: 'created_at' },
    updatedAt: { type: 'Date', fieldName: 'updated_at' },
  },
});
