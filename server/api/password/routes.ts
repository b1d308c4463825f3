// The SPA's password change, for the signed-in user. The session goes on with the new password;
// the user's other sessions end (and their IMAP connections close).
import type { FastifyInstance } from 'fastify';
import { API, type ChangePasswordRequest, type PasswordPolicyResponse } from '../../../src/shared/api.js';
import { MAX_PASSWORD_LENGTH } from '../../../src/shared/limits.js';
import { requireSession } from '../../session/plugin.js';
import { SESSION_COOKIE } from '../../session/sessions.js';
import type { Services } from '../../services.js';

const changeSchema = {
  body: {
    type: 'object',
    required: ['currentPassword', 'newPassword'],
    additionalProperties: false,
    properties: {
      currentPassword: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
      newPassword: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
    },
  },
} as const;

export async function endOtherSessions(services: Services, user: string, exceptKey?: string): Promise<void> {
  const ended = await services.sessions.endSessionsOf(user, exceptKey);
  await Promise.all(ended.map((key) => services.mail.endSession(key)));
}

export async function passwordRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { passwords, sessions } = services;

  app.get(API.passwordPolicy, async (): Promise<PasswordPolicyResponse> => ({ enabled: passwords.enabled, ...services.config.password.policy }));

  app.post<{ Body: ChangePasswordRequest }>(API.password, { schema: changeSchema, preHandler: requireSession(sessions) }, async (request, reply) => {
    const session = request.session!;
    await passwords.change({
      mailbox: session.record.user,
      currentPassword: request.body.currentPassword,
      newPassword: request.body.newPassword,
      clientAddress: request.ip,
    });
    await sessions.replacePassword(request.cookies[SESSION_COOKIE], request.body.newPassword);
    await endOtherSessions(services, session.record.user, session.key);
    request.log.info({ user: session.record.user }, 'password changed');
    return reply.code(204).send();
  });
}
