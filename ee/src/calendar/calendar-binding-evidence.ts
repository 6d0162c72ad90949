import { queryEvidence, type BindingEvidenceSource } from '../../../src/microsoft/binding-evidence';

/**
 * A Microsoft calendar provider proves the tenant synced Outlook calendars with its legacy app registration.
 * `calendar_providers` is an EE table, which is why this source is registered only by the EE entry.
 */
export const microsoftCalendarProviderEvidence: BindingEvidenceSource = {
  consumer: 'calendar',
  findEvidence: (em, tenantId) =>
    queryEvidence(
      em,
      `select distinct on (tenant_id) tenant_id, id::text as proof from calendar_providers
       where provider_type = 'microsoft' and (?::uuid is null or tenant_id = ?::uuid)
       order by tenant_id, active desc, created_at, id`,
      'calendar_providers',
      tenantId,
    ),
};
