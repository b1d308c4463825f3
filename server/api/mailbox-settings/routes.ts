// Mailbox settings (autoresponder, forwarding, spam and virus handling) and the quota, for the
// signed-in user. The settings live in the user's Sieve script (server/sieve).
import type { FastifyInstance } from 'fastify';
import {
  MARKED_MAIL_ACTIONS,
  MAX_AUTORESPONDER_LENGTH,
  MAX_FORWARD_TARGETS,
  MAX_SUBJECT_PREFIX_LENGTH,
  SETTINGS_API,
  type MailboxSettingsState,
  type QuotaResponse,
  type SaveMailboxSettingsRequest,
} from '../../../src/shared/mailbox-settings.js';
import { MAX_ADDRESS_LENGTH } from '../../../src/shared/limits.js';
import { mailContext, requireSession } from '../../session/plugin.js';
import type { Services } from '../../services.js';

const date = { type: ['string', 'null'], maxLength: 10 } as const;

/** Shape only; the rules (dates, addresses, loops) are settingsProblems' and answer in codes. */
const saveSchema = {
  body: {
    type: 'object',
    required: ['settings'],
    additionalProperties: false,
    properties: {
      replaceActive: { type: 'boolean' },
      settings: {
        type: 'object',
        required: ['autoresponder', 'forwarding', 'spam', 'virus'],
        additionalProperties: false,
        properties: {
          autoresponder: {
            type: 'object',
            required: ['active', 'subjectPrefix', 'message', 'startDate', 'endDate', 'afterEnd'],
            additionalProperties: false,
            properties: {
              active: { type: 'boolean' },
              // Some room above the limits, so too long text gets its own code, not BAD_REQUEST.
              subjectPrefix: { type: 'string', maxLength: MAX_SUBJECT_PREFIX_LENGTH * 2 },
              message: { type: 'string', maxLength: MAX_AUTORESPONDER_LENGTH * 2 },
              startDate: date,
              endDate: date,
              afterEnd: { enum: ['deactivate', 'delete'] },
            },
          },
          forwarding: {
            type: 'object',
            required: ['targets', 'keepCopy'],
            additionalProperties: false,
            properties: {
              targets: { type: 'array', maxItems: MAX_FORWARD_TARGETS * 2, items: { type: 'string', maxLength: MAX_ADDRESS_LENGTH } },
              keepCopy: { type: 'boolean' },
            },
          },
          spam: { enum: [...MARKED_MAIL_ACTIONS] },
          virus: { enum: [...MARKED_MAIL_ACTIONS] },
        },
      },
    },
  },
} as const;

export async function mailboxSettingsRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const preHandler = requireSession(services.sessions);

  app.get(SETTINGS_API.settings, { preHandler }, async (request): Promise<MailboxSettingsState> => {
    return services.mailboxSettings.read(mailContext(request));
  });

  app.put<{ Body: SaveMailboxSettingsRequest }>(SETTINGS_API.settings, { preHandler, schema: saveSchema }, async (request): Promise<MailboxSettingsState> => {
    const state = await services.mailboxSettings.save(mailContext(request), request.body);
    request.log.info({ user: request.session!.record.user }, 'mailbox settings saved');
    return state;
  });

  app.get(SETTINGS_API.quota, { preHandler }, async (request): Promise<QuotaResponse> => {
    return services.mail.quota(mailContext(request));
  });
}
