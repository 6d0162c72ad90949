import type { EntitySchema } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MicrosoftConsumer } from './matrix';
import type { FastifyInstance } from 'fastify';
import type { Edition } from '../config/config';
import type { MigrationSet } from '../db/migrate';
import type { JobProcessorDefinition } from '../queue/job-queue';
import type { ServiceDeps } from '../runtime/service-deps';
import type { Registry as MetricsRegistry } from 'prom-client';
import type { StableRouteHandler, StableRouteHandlers, StableRouteId } from '../http/stable-routes';
import type { GraphqlResolvers } from '../graphql/resolver-types';
import type { BindingEvidenceSource } from '../microsoft/binding-evidence';
import type { EncryptedColumn } from '../crypto/secret-rotation.service';
import type { DomainEvent } from '../events/domain-event';
import type { AccessRuleTable } from '../graphql/access-rules';
import type { DeclaredAccessRules } from '../graphql/access-enforcement';

/**
 * A feature module as the edition sees it. CE modules and the EE entry register the same way, so CE code never
 * needs to know what EE adds (GitLab's `ee/` rule: extension points, not branches).
 */
export interface EditionModule {
  name: string;
  /** SDL strings; EE fragments use `extend enum` / `extend type`. */
  typeDefs?: string[];
  entities?: EntitySchema<any>[];
  migrations?: MigrationSet;
  resolvers?: (deps: ServiceDeps) => GraphqlResolvers;
  /** Fastify routes; registered inside the app after the core plugins. */
  routes?: (app: FastifyInstance, deps: ServiceDeps) => Promise<void> | void;
  jobProcessors?: (deps: ServiceDeps) => JobProcessorDefinition[];
  /** Domain-event subscribers and hooks, wired once services exist. */
  subscribe?: (hooks: HookRegistry, deps: ServiceDeps) => void;
  /** Legacy proof that a tenant used a Microsoft consumer; read only by binding materialization. */
  bindingEvidence?: BindingEvidenceSource[];
  /** Handlers for the stable URLs of src/http/stable-routes.ts; a URL nobody handles answers 501. */
  stableRoutes?: (deps: ServiceDeps) => StableRouteHandlers;
  /** Columns holding secret-box envelopes, so `secrets rotate` finds every one without knowing the module. */
  encryptedColumns?: EncryptedColumn[];
  /** Access rules (src/graphql/access-rules.ts) of the root fields this module's typeDefs add. */
  accessRules?: AccessRuleTable;
  /** Prometheus collectors this module adds to /metrics (read on scrape: work done by worker processes too). */
  metrics?: (registry: MetricsRegistry, deps: ServiceDeps) => void;
}

/**
 * Named hook points CE code calls at well-defined moments. Each later capability adds its signature here;
 * handlers run in registration order and may throw to abort the surrounding operation.
 */
export interface ConsumerReboundEvent {
  /** The binding transaction: handlers write through it so their changes commit or roll back with the binding. */
  em: EntityManager;
  tenantId: string;
  consumer: MicrosoftConsumer;
  previousProfileId: string | null;
  profileId: string;
  actorId: string;
}

export interface ConsumerClearedEvent {
  /** The clearing transaction. */
  em: EntityManager;
  tenantId: string;
  consumer: MicrosoftConsumer;
  previousProfileId: string;
  actorId: string;
}

export interface HookSignatures {
  /** A consumer was bound to a (different or first) profile; runs inside the binding transaction. */
  'microsoft.consumerRebound': (event: ConsumerReboundEvent) => Promise<void> | void;
  /** A consumer's binding was removed; runs inside the clearing transaction. */
  'microsoft.consumerCleared': (event: ConsumerClearedEvent) => Promise<void> | void;
  /** A schedule entry changed (delivered by the outbox relay, at least once, in order per entry). `delivery.eventId` is the idempotency key. */
  'schedule.entryChanged': (event: DomainEvent, delivery: { eventId: string; attempt: number }) => Promise<void> | void;
  /** Lets tests and modules observe startup completion without reaching into internals. */
  'app.ready': (info: { edition: Edition }) => Promise<void> | void;
}

export class HookRegistry {
  private readonly handlers = new Map<keyof HookSignatures, Array<(...args: any[]) => unknown>>();

  on<K extends keyof HookSignatures>(name: K, handler: HookSignatures[K]): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler);
    this.handlers.set(name, list);
  }

  async run<K extends keyof HookSignatures>(name: K, ...args: Parameters<HookSignatures[K]>): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) await handler(...args);
  }

  count(name: keyof HookSignatures): number {
    return this.handlers.get(name)?.length ?? 0;
  }
}

export class ExtensionRegistry {
  private readonly modules: EditionModule[] = [];

  constructor(readonly edition: Edition) {}

  addModule(module: EditionModule): void {
    if (this.modules.some((existing) => existing.name === module.name)) {
      throw new Error(`edition module "${module.name}" registered twice`);
    }
    this.modules.push(module);
  }

  moduleNames(): string[] {
    return this.modules.map((module) => module.name);
  }

  typeDefs(): string[] {
    return this.modules.flatMap((module) => module.typeDefs ?? []);
  }

  entities(): EntitySchema<any>[] {
    return this.modules.flatMap((module) => module.entities ?? []);
  }

  migrationSets(): MigrationSet[] {
    return this.modules.flatMap((module) => (module.migrations ? [module.migrations] : []));
  }

  resolvers(deps: ServiceDeps): GraphqlResolvers[] {
    return this.modules.flatMap((module) => (module.resolvers ? [module.resolvers(deps)] : []));
  }

  routeRegistrars(): Array<NonNullable<EditionModule['routes']>> {
    return this.modules.flatMap((module) => (module.routes ? [module.routes] : []));
  }

  jobProcessors(deps: ServiceDeps): JobProcessorDefinition[] {
    return this.modules.flatMap((module) => module.jobProcessors?.(deps) ?? []);
  }

  stableRouteHandlers(deps: ServiceDeps): StableRouteHandlers {
    const handlers: StableRouteHandlers = {};
    for (const module of this.modules) {
      for (const [id, handler] of Object.entries(module.stableRoutes?.(deps) ?? {}) as Array<[StableRouteId, StableRouteHandler]>) {
        if (handlers[id]) throw new Error(`stable route "${id}" is handled twice (module "${module.name}")`);
        handlers[id] = handler;
      }
    }
    return handlers;
  }

  bindingEvidence(): BindingEvidenceSource[] {
    return this.modules.flatMap((module) => module.bindingEvidence ?? []);
  }

  encryptedColumns(): EncryptedColumn[] {
    return this.modules.flatMap((module) => module.encryptedColumns ?? []);
  }

  registerMetrics(registry: MetricsRegistry, deps: ServiceDeps): void {
    for (const module of this.modules) module.metrics?.(registry, deps);
  }

  accessRules(): DeclaredAccessRules[] {
    return this.modules.flatMap((module) => (module.accessRules ? [{ source: `module "${module.name}"`, rules: module.accessRules }] : []));
  }

  subscribeAll(hooks: HookRegistry, deps: ServiceDeps): void {
    for (const module of this.modules) module.subscribe?.(hooks, deps);
  }
}
