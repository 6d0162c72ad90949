import { capabilityOf, type MicrosoftConsumer } from '../edition/matrix';

export interface BindingWarning {
  code: 'RECONNECT_REQUIRED';
  message: string;
}

const RECONNECT_MESSAGES: Partial<Record<ReturnType<typeof capabilityOf>['onRebind'], string>> = {
  reauthorize_outlook_mailboxes: 'Outlook mailboxes connected with the previous profile must be re-authorized.',
  reauthorize_microsoft_calendars: 'Microsoft calendars connected with the previous profile must be re-authorized.',
};

/** Pure: what the admin must do after moving a consumer from one profile to another. */
export function rebindWarnings(consumer: MicrosoftConsumer, previousProfileId: string | null, profileId: string): BindingWarning[] {
  if (previousProfileId === null || previousProfileId === profileId) return [];
  const message = RECONNECT_MESSAGES[capabilityOf(consumer).onRebind];
  return message ? [{ code: 'RECONNECT_REQUIRED', message }] : [];
}

/** Static note shown next to each binding: what rebinding it would mean. */
export function reconnectNote(consumer: MicrosoftConsumer): string | null {
  const effect = capabilityOf(consumer).onRebind;
  if (effect === 'reset_teams_install') return 'Rebinding resets the Teams app installation; it must be installed again.';
  return RECONNECT_MESSAGES[effect] ? `Rebinding means: ${RECONNECT_MESSAGES[effect]}` : null;
}
