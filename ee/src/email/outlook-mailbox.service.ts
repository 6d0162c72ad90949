import { notFound } from '../../../src/errors/domain-errors';
import type { AppOnlyGraph } from '../microsoft/app-only-graph';
import type { EmailProviderRepository } from './email-provider.repository';

export interface MailboxMessage {
  id: string;
  subject: string | null;
  receivedDateTime: string | null;
}

/** Reads a tenant's Outlook mailbox with the `email`-bound profile (app-only Mail permissions). */
export class OutlookMailboxService {
  constructor(private readonly deps: { graph: AppOnlyGraph; providers: EmailProviderRepository }) {}

  async recentMessages(tenantId: string, mailbox: string, top = 10): Promise<MailboxMessage[]> {
    const provider = await this.deps.providers.findActiveMicrosoftMailbox(tenantId, mailbox);
    if (!provider) throw notFound('Outlook mailbox');
    const client = await this.deps.graph.clientFor(tenantId, 'email');
    const page = await client
      .api(`/users/${encodeURIComponent(provider.mailbox)}/messages`)
      .top(Math.min(Math.max(top, 1), 50))
      .select('id,subject,receivedDateTime')
      .get();
    return (page.value as MailboxMessage[]).map(({ id, subject, receivedDateTime }) => ({ id, subject, receivedDateTime }));
  }
}
