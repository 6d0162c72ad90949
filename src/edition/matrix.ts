import type { Edition } from '../config/config';

export const MICROSOFT_CONSUMERS = ['msp_sso', 'email', 'calendar', 'teams'] as const;
export type MicrosoftConsumer = (typeof MICROSOFT_CONSUMERS)[number];

/** What a rebind of the consumer means for things already connected with the previous profile. */
export type RebindEffect = 'none' | 'reauthorize_outlook_mailboxes' | 'reauthorize_microsoft_calendars' | 'reset_teams_install';

export interface ConsumerCapability {
  consumer: MicrosoftConsumer;
  editions: readonly Edition[];
  onRebind: RebindEffect;
}

/** THE edition matrix (DESIGN.md §2). Schema, services and workers all ask it; nothing hard-codes an edition. */
export const CONSUMER_MATRIX: readonly ConsumerCapability[] = [
  { consumer: 'msp_sso', editions: ['community', 'enterprise'], onRebind: 'none' },
  { consumer: 'email', editions: ['enterprise'], onRebind: 'reauthorize_outlook_mailboxes' },
  { consumer: 'calendar', editions: ['enterprise'], onRebind: 'reauthorize_microsoft_calendars' },
  { consumer: 'teams', editions: ['enterprise'], onRebind: 'reset_teams_install' },
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
