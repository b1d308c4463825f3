// Thunderbird's autoconfig, answered without a session: Thunderbird asks before the account
// exists. The address it names only picks the provider domain, and only when it is one.
import type { FastifyInstance } from 'fastify';
import { MAX_ADDRESS_LENGTH } from '../../src/shared/limits.js';
import type { Services } from '../services.js';
import { AUTOCONFIG_PATHS, autoconfigXml } from './autoconfig.js';

/** A document for programs, never for the browser: nothing in it may load or run. */
export const XML_CSP = "default-src 'none'; sandbox";

export async function autoconfigRoutes(app: FastifyInstance, services: Services): Promise<void> {
  for (const path of AUTOCONFIG_PATHS) {
    app.get<{ Querystring: Record<string, unknown> }>(path, async (request, reply) => {
      const asked = request.query.emailaddress;
      // Anything but one plausible address is ignored, not refused: the servers are the same for all.
      const emailAddress = typeof asked === 'string' && asked.length <= MAX_ADDRESS_LENGTH ? asked.trim() : undefined;
      return reply
        .header('content-security-policy', XML_CSP)
        .header('cache-control', 'no-cache')
        .type('application/xml; charset=utf-8')
        .send(autoconfigXml(services.config.mailPrograms, emailAddress));
    });
  }
}
