import type { Edition } from '../config/config';

export const MICROSOFT_CONSUMERS = ['msp_sso', 'email', 'calendar', 'teams'] as const;
export type MicrosoftConsumer = (typeof MICROSOFT_CONSUMERS)[number];

/** What a rebind of the consumer means for things already connected with the previous profile. */
export type RebindEffect = 'none' | 'reauthorize_outlook_mailboxes' | 'reauthorize_microsoft_calendars' | 'reset_teams_install';

export interface ConsumerCapability {
  consumer: MicrosoftConsumer;
  editions: readonly Edition[];
  onRebind: RebindEffect;
  /** Shown to admins: what the consumer does with its profile. */
  label: string;
  /** Paths under PUBLIC_URL the app registration must list as redirect URIs. */
  redirectPaths: readonly string[];
  /** Delegated Microsoft Graph permissions the app registration needs. */
  delegatedScopes: readonly string[];
}

/** THE edition matrix (DESIGN.md §2). Schema, services and workers all ask it; nothing hard-codes an edition. */
export const CONSUMER_MATRIX: readonly ConsumerCapability[] = [
  {
    consumer: 'msp_sso',
    editions: ['community', 'enterprise'],
    onRebind: 'none',
    label: 'MSP single sign-on',
    redirectPaths: ['/api/auth/msp/sso/callback'],
    delegatedScopes: ['openid', 'profile', 'email', 'User.Read'],
  },
  {
    consumer: 'email',
    editions: ['enterprise'],
    onRebind: 'reauthorize_outlook_mailboxes',
    label: 'Outlook mailboxes',
    redirectPaths: ['/api/auth/microsoft/email/callback'],
    delegatedScopes: ['offline_access', 'User.Read', 'Mail.ReadWrite', 'Mail.Send'],
  },
  {
    consumer: 'calendar',
    editions: ['enterprise'],
    onRebind: 'reauthorize_microsoft_calendars',
    label: 'Outlook calendar sync',
    redirectPaths: ['/api/auth/microsoft/calendar/callback'],
    delegatedScopes: ['offline_access', 'User.Read', 'Calendars.ReadWrite'],
  },
  {
    consumer: 'teams',
    editions: ['enterprise'],
    onRebind: 'reset_teams_install',
    label: 'Microsoft Teams app',
    redirectPaths: ['/api/auth/microsoft/teams/callback'],
    delegatedScopes: ['offline_access', 'User.Read', 'AppCatalog.ReadWrite.All', 'TeamsAppInstallation.ReadWriteForUser'],
  },
];

export const FEATURES = ['calendar_sync'] as const;
export type Feature = (typeof FEATURES)[number];

export const FEATURE_MATRIX: Readonly<Record<Feature, readonly Edition[]>> = {
  calendar_sync: ['enterprise'],
};

export function consumersFor(edition: Edition): MicrosoftConsumer[] {
  return CONSUMER_MATRIX.filter((row) => row.editions.includes(edition)).map((row) => row.consumer);
}

export function isConsumerAvailable(edition: Edition, consumer: string): consumer is MicrosoftConsumer {
  return CONSUMER_MATRIX.some((row) => row.consumer === consumer && row.editions.includes(edition));
}

export function capabilityOf(consumer: MicrosoftConsumer): ConsumerCapability {
  const row = CONSUMER_MATRIX.find((candidate) => candidate.consumer === consumer);
  if (!row) throw new Error(`consumer "${consumer}" is missing from the edition matrix`);
  return row;
}

export function isFeatureAvailable(edition: Edition, feature: Feature): boolean {
  return FEATURE_MATRIX[feature].includes(edition);
}
