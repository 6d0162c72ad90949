import type { EntityManager } from '@mikro-orm/postgresql';
import type { QueryResult } from '@mikro-orm/core';
import type { Edition } from '../config/config';
import { SecretDecryptionError, type SecretBox } from '../crypto/secret-box';
import type { Orm } from '../db/orm';
import { isConsumerAvailable, type MicrosoftConsumer } from '../edition/matrix';
import type { Logger } from '../observability/logger';
import type { BindingEvidenceSource } from './binding-evidence';
import { lockTenantMicrosoftConfig } from './config-change-notifier';
import { readLegacyClientId } from './legacy-credentials';
import { chooseTargetProfile, type TargetChoice } from './materialization-target';

/** `created_by` / `updated_by` of materialized rows: tells them apart from admin choices in audits. */
export const MATERIALIZATION_ACTOR = 'materialization';

export interface MaterializationDeps {
  orm: Orm;
  secretBox: SecretBox;
  edition: Edition;
  sources: BindingEvidenceSource[];
  logger: Logger;
}

export interface TenantMaterialization {
  tenantId: string;
  /** In a dry run: what a real run would create now. */
  created: Array<{ consumer: MicrosoftConsumer; profileId: string; evidence: string }>;
  skipped: Array<{ consumer: MicrosoftConsumer; reason: 'already_bound' }>;
  unresolved: Array<{ consumer: MicrosoftConsumer; reason: string }>;
}

export interface MaterializationReport {
  dryRun: boolean;
  tenants: TenantMaterialization[];
}

type ConsumerProofs = Map<MicrosoftConsumer, string>;

/**
 * Legacy binding materialization (DESIGN.md §4.6): a binding row only where a legacy signal proves the consumer
 * was used and exactly one active profile is the right target. Never overwrites a binding; safe to re-run.
 */
export class BindingMaterializationService {
  constructor(private readonly deps: MaterializationDeps) {}

  async materialize(options: { tenantId?: string; dryRun?: boolean } = {}): Promise<MaterializationReport> {
    const dryRun = options.dryRun ?? false;
    const proofs = await this.collectEvidence(options.tenantId);
    // An explicitly named tenant is always reported, so "nothing to do" is visible rather than an empty list.
    if (options.tenantId !== undefined && !proofs.has(options.tenantId)) proofs.set(options.tenantId, new Map());
    const tenants: TenantMaterialization[] = [];
    // One tenant at a time: each is its own short transaction, and one tenant's failure is recorded, not fatal.
    for (const tenantId of [...proofs.keys()].sort()) tenants.push(await this.materializeTenant(tenantId, proofs.get(tenantId)!, dryRun));
    return { dryRun, tenants };
  }

  private async collectEvidence(tenantId?: string): Promise<Map<string, ConsumerProofs>> {
    const em = this.deps.orm.em.fork();
    const byTenant = new Map<string, ConsumerProofs>();
    for (const source of this.deps.sources) {
      // The matrix, not the registration, decides: a consumer hidden in this edition is never materialized.
      if (!isConsumerAvailable(this.deps.edition, source.consumer)) continue;
      for (const proof of await source.findEvidence(em, tenantId)) {
        const proofs = byTenant.get(proof.tenantId) ?? new Map<MicrosoftConsumer, string>();
        if (!proofs.has(source.consumer)) proofs.set(source.consumer, proof.evidence);
        byTenant.set(proof.tenantId, proofs);
      }
    }
    return byTenant;
  }

  private async materializeTenant(tenantId: string, proofs: ConsumerProofs, dryRun: boolean): Promise<TenantMaterialization> {
    try {
      const preview = await this.plan(this.deps.orm.em.fork(), tenantId, proofs);
      if (dryRun || preview.created.length === 0) return preview;
      return await this.deps.orm.em.fork().transactional(async (em) => {
        // The lock profile and binding writes take (it also queues the NOTIFY that drops resolver caches on
        // commit), then plan again: an archive, clear or bind that won the race is seen, not overwritten.
        await lockTenantMicrosoftConfig(em, tenantId);
        return this.insert(em, await this.plan(em, tenantId, proofs));
      });
    } catch (error) {
      this.deps.logger.error({ err: error, tenantId }, 'binding materialization failed for tenant');
      const reason = `error: ${(error as Error).message}`;
      return { tenantId, created: [], skipped: [], unresolved: [...proofs.keys()].map((consumer) => ({ consumer, reason })) };
    }
  }

  /** Reads only: what a run would do now, with `created` listing the rows to insert. */
  private async plan(em: EntityManager, tenantId: string, proofs: ConsumerProofs): Promise<TenantMaterialization> {
    const report: TenantMaterialization = { tenantId, created: [], skipped: [], unresolved: [] };
    const rows = await em.execute<Array<{ consumer: string }>>('select consumer from microsoft_profile_consumer_bindings where tenant_id = ?', [tenantId]);
    const bound = new Set(rows.map((row) => row.consumer));
    const pending = [...proofs].filter(([consumer]) => !bound.has(consumer));
    for (const consumer of proofs.keys()) if (bound.has(consumer)) report.skipped.push({ consumer, reason: 'already_bound' });
    if (pending.length === 0) return report;
    const target = await this.chooseTarget(em, tenantId);
    for (const [consumer, evidence] of pending) {
      if (target.ok) report.created.push({ consumer, profileId: target.profileId, evidence });
      else report.unresolved.push({ consumer, reason: target.reason });
    }
    return report;
  }

  private async chooseTarget(em: EntityManager, tenantId: string): Promise<TargetChoice> {
    const profiles = await em.execute<Array<{ id: string; client_id: string; is_archived: boolean }>>(
      'select id, client_id, is_archived from microsoft_profiles where tenant_id = ? order by created_at, id',
      [tenantId],
    );
    let legacyClientId: string | undefined;
    try {
      legacyClientId = await readLegacyClientId(em, this.deps.secretBox, tenantId);
    } catch (error) {
      // Unreadable legacy credentials could point anywhere: refuse rather than fall back to "the only profile".
      if (error instanceof SecretDecryptionError) return { ok: false, reason: 'legacy_client_id_undecryptable' };
      throw error;
    }
    const candidates = profiles.map((row) => ({ id: row.id, clientId: row.client_id, isArchived: row.is_archived }));
    return chooseTargetProfile(candidates, legacyClientId);
  }

  /** Inserts the planned rows; one that appeared meanwhile (a writer outside the lock) is reported as bound. */
  private async insert(em: EntityManager, plan: TenantMaterialization): Promise<TenantMaterialization> {
    const report: TenantMaterialization = { ...plan, created: [], skipped: [...plan.skipped] };
    for (const row of plan.created) {
      const result = await em.execute<QueryResult>(
        `insert into microsoft_profile_consumer_bindings (tenant_id, consumer, profile_id, created_by, updated_by)
         values (?, ?, ?, ?, ?) on conflict (tenant_id, consumer) do nothing`,
        [plan.tenantId, row.consumer, row.profileId, MATERIALIZATION_ACTOR, MATERIALIZATION_ACTOR],
        'run',
      );
      if (result.affectedRows === 1) report.created.push(row);
      else report.skipped.push({ consumer: row.consumer, reason: 'already_bound' });
    }
    if (report.created.length > 0) this.deps.logger.info({ tenantId: plan.tenantId, created: report.created }, 'legacy bindings materialized');
    return report;
  }
}
