import { Migration } from '@mikro-orm/migrations';

/**
 * Marker: once the Microsoft tables exist, legacy tenants get explicit bindings where their old data proves use
 * (msp_sso from login domains, email from Outlook mailboxes). The work itself needs the secret box, so the runtime
 * runs it right after this migration is applied (see MigrationEntry.materializesLegacyBindings).
 */
export class Migration20261130040000MaterializeLegacyBindings extends Migration {
  override async up(): Promise<void> {
    this.addSql("comment on table microsoft_profile_consumer_bindings is 'Explicit Microsoft consumer bindings (legacy tenants materialized at migration time)';");
  }
}
