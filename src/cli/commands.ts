import { ApiKeyService } from '../auth/api-key.service';
import { isRole } from '../auth/request-context';
import { SecretRotationService } from '../crypto/secret-rotation.service';
import { UserSchema } from '../db/entities/user.entity';
import { isUuid } from '../db/uuid';
import { BindingMaterializationService } from '../microsoft/binding-materialization.service';
import type { Runtime } from '../runtime/runtime';
import { TenantService } from '../tenants/tenant.service';

/** Every flag any command takes; values are validated by the command that uses them. */
export const CLI_OPTIONS = {
  name: { type: 'string' },
  'admin-email': { type: 'string' },
  tenant: { type: 'string' },
  user: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  id: { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Flags = Record<string, string | boolean | undefined>;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliCommand {
  usage: string;
  run(runtime: Runtime, flags: Flags): Promise<unknown>;
}

function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

export const COMMANDS: Record<string, CliCommand> = {
  migrate: {
    usage: 'switchboard migrate',
    // Every CLI command migrates first (see main.ts); this one reports what that did.
    run: async (runtime) => runtime.migrations,
  },
  'tenant create': {
    usage: 'switchboard tenant create --name <name> --admin-email <email>',
    run: async ({ deps }, flags) =>
      new TenantService(deps.orm, new ApiKeyService(deps.orm)).createWithAdmin({
        name: required(flags, 'name'),
        adminEmail: required(flags, 'admin-email'),
      }),
  },
  'api-key create': {
    usage: 'switchboard api-key create --tenant <tenantId> (--user <userId> | --email <email>) [--name <name>] [--role admin|user]',
    run: async ({ deps }, flags) => {
      const tenantId = required(flags, 'tenant');
      const role = flags.role;
      if (role !== undefined && !isRole(role)) throw new UsageError('--role must be admin or user');
      const userId = typeof flags.user === 'string' ? flags.user : await findUserId(deps.orm, tenantId, required(flags, 'email'));
      const created = await new ApiKeyService(deps.orm).create(tenantId, userId, {
        name: typeof flags.name === 'string' ? flags.name : 'cli key',
        role,
      });
      return { id: created.row.id, prefix: created.row.prefix, role: created.row.role, apiKey: created.apiKey };
    },
  },
  'api-key revoke': {
    usage: 'switchboard api-key revoke --tenant <tenantId> --id <keyId>',
    run: async ({ deps }, flags) => {
      const key = await new ApiKeyService(deps.orm).revoke(required(flags, 'tenant'), required(flags, 'id'));
      return { id: key.id, revokedAt: key.revokedAt };
    },
  },
  'microsoft materialize-bindings': {
    usage: 'switchboard microsoft materialize-bindings [--tenant <tenantId>] [--dry-run]',
    run: ({ deps, registry }, flags) =>
      new BindingMaterializationService({
        orm: deps.orm,
        secretBox: deps.secretBox,
        edition: deps.config.edition,
        sources: registry.bindingEvidence(),
        logger: deps.logger,
      }).materialize({ tenantId: optionalTenantId(flags), dryRun: flags['dry-run'] === true }),
  },
  'secrets rotate': {
    usage: 'switchboard secrets rotate [--dry-run]',
    run: ({ deps, registry }, flags) =>
      new SecretRotationService({ orm: deps.orm, secretBox: deps.secretBox, columns: registry.encryptedColumns(), logger: deps.logger }).rotate({
        dryRun: flags['dry-run'] === true,
      }),
  },
};


function optionalTenantId(flags: Flags): string | undefined {
  const value = flags.tenant;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isUuid(value)) throw new UsageError('--tenant must be a tenant id (uuid)');
  return value.toLowerCase();
}

async function findUserId(orm: Runtime['deps']['orm'], tenantId: string, email: string): Promise<string> {
  const user = await orm.em.fork().findOne(UserSchema, { tenantId, email: email.trim().toLowerCase() });
  if (!user) throw new UsageError(`no user ${email} in tenant ${tenantId}`);
  return user.id;
}
