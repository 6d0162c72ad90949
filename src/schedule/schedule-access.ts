import type { RequestContext } from '../auth/request-context';
import { isUuid } from '../db/uuid';
import type { Viewer } from './schedule-entry.repository';
import type { ScheduleEntryRecord } from './schedule-entry';

/**
 * Access rules, pure. Admins see and edit everything in the tenant; users see what is not private plus what
 * they created or are assigned to, and edit what they created or are assigned to.
 */
export function viewerOf(auth: RequestContext): Viewer {
  // A host-PSA subject that is not a provisioned user has no id of ours to be an assignee or creator with.
  return { admin: auth.role === 'admin', userId: isUuid(auth.userId) ? auth.userId : null };
}

/** Mirrors the repository's SQL visibility clause, for rows already loaded. */
export function canSee(viewer: Viewer, entry: Pick<ScheduleEntryRecord, 'isPrivate' | 'createdBy' | 'assigneeIds'>): boolean {
  return !entry.isPrivate || canEdit(viewer, entry);
}

export function canEdit(viewer: Viewer, entry: Pick<ScheduleEntryRecord, 'createdBy' | 'assigneeIds'>): boolean {
  if (viewer.admin) return true;
  if (!viewer.userId) return false;
  return entry.createdBy === viewer.userId || entry.assigneeIds.includes(viewer.userId);
}
