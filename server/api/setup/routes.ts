// The signed-in user's settings for mail programs: as JSON for the SPA's set-up screen, and as an
// Apple configuration profile to download (a file with the mailbox name, so never cached).
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance } from 'fastify';
import { SETUP_API, type MailSetupResponse } from '../../../src/shared/api.js';
import { requireSession } from '../../session/plugin.js';
import type { Services } from '../../services.js';
import { APPLE_PROFILE_TYPE, appleProfileFileName, appleProfileXml } from '../../setup/apple-profile.js';
import { mailSetupFor } from '../../setup/mail-setup.js';
import { XML_CSP } from '../../setup/routes.js';

export async function setupRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const preHandler = requireSession(services.sessions);

  app.get(SETUP_API.setup, { preHandler }, async (request): Promise<MailSetupResponse> => mailSetupFor(services.config, request.session!.record.user));

  app.get(SETUP_API.appleProfile, { preHandler }, async (request, reply) => {
    const setup = mailSetupFor(services.config, request.session!.record.user);
    return reply
      .header('content-security-policy', XML_CSP)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', contentDisposition(appleProfileFileName(setup)))
      .type(APPLE_PROFILE_TYPE)
      .send(appleProfileXml(setup));
  });
}
