import { randomUUID } from 'node:crypto';
import { ApiKeyService } from '../../src/auth/api-key.service';
import type { TestApp } from './test-app';

export const ENTRY_FIELDS = `id title notes location allDay startsAt endsAt startDate endDate timeZone recurrence seriesId originalStartsAt
  isPrivate status externalRef version createdAt updatedAt assignees { id email } createdBy { id }`;

export interface TestUser {
  id: string;
  email: string;
  apiKey: string;
}

/** A provisioned user of the tenant (through upsertUser) and an API key acting as that user. */
export async function createUser(t: TestApp, adminKey: string, tenantId: string, role: 'USER' | 'ADMIN' = 'USER'): Promise<TestUser> {
  const externalId = `psa-${randomUUID().slice(0, 8)}`;
  const result = await t.gql(
    'mutation ($input: UpsertUserInput!) { upsertUser(input: $input) { id email } }',
    { input: { externalId, email: `${externalId}@example.com`, role } },
    adminKey,
  );
  if (result.errors) throw new Error(`upsertUser failed: ${JSON.stringify(result.errors)}`);
  const user = result.data.upsertUser;
  const key = await new ApiKeyService(t.runtime.deps.orm).create(tenantId, user.id, { name: 'test' });
  return { ...user, apiKey: key.apiKey };
}

export const timedInput = (overrides: Record<string, unknown> = {}) => ({
  title: 'Site visit',
  startsAt: '2026-03-02T09:00:00.000Z',
  endsAt: '2026-03-02T10:00:00.000Z',
  timeZone: 'Europe/Berlin',
  ...overrides,
});

export async function createEntry(t: TestApp, apiKey: string, input: Record<string, unknown>) {
  const result = await t.gql(`mutation ($input: CreateScheduleEntryInput!) { createScheduleEntry(input: $input) { ${ENTRY_FIELDS} } }`, { input }, apiKey);
  if (result.errors) throw new Error(`createScheduleEntry failed: ${JSON.stringify(result.errors)}`);
  return result.data.createScheduleEntry;
}

export const UPDATE_ENTRY = `mutation ($id: ID!, $v: Int!, $input: UpdateScheduleEntryInput!) {
  updateScheduleEntry(id: $id, expectedVersion: $v, input: $input) { ${ENTRY_FIELDS} } }`;
