// Mailbox settings kept in the user's Sieve script "webmail" on the ManageSieve server, reached
// with the session's credentials for each read or save (settings change rarely; no connection is
// kept). Other scripts are listed and left alone; replacing another active script needs the
// user's explicit yes. Saving checks the script (CHECKSCRIPT) before storing it, and answers with
// what the server then holds.
import type { Config } from '../config.js';
import { Failure } from '../failure.js';
import type { MailContext } from '../mail/service.js';
import {
  DEFAULT_MAILBOX_SETTINGS,
  MAX_AUTORESPONDER_LENGTH,
  MAX_FORWARD_TARGETS,
  MAX_SUBJECT_PREFIX_LENGTH,
  isoDay,
  normalizeTargets,
  settingsProblems,
  type MailboxSettings,
  type MailboxSettingsState,
  type SaveMailboxSettingsRequest,
} from '../../src/shared/mailbox-settings.js';
import { connectManageSieve, ManageSieveError, type ManageSieveClient } from './managesieve.js';
import { generateScript, readScript, WEBMAIL_SCRIPT, type ScriptOptions } from './script.js';


/** ManageSieve failures in the words of src/shared/errors.ts. */
export function sieveFailure(error: unknown, step: string): Failure {
  if (error instanceof Failure) return error;
  if (!(error instanceof ManageSieveError)) return new Failure('INTERNAL', { step, error: String(error) });
  const context = { step, status: error.status, code: error.code, server: error.serverText, reason: error.message };
  if (error.status === null) return new Failure('MAIL_SERVER_UNAVAILABLE', context);
  if (error.code?.startsWith('QUOTA')) return new Failure('FILTER_QUOTA', context);
  if (step === 'authenticate') return new Failure('AUTH_FAILED', context);
  if (step === 'check' || step === 'put') return new Failure('FILTER_REFUSED', context, undefined, undefined, error.serverText ?? undefined);
  return new Failure('MAIL_SERVER_ERROR', context);
}

export interface MailboxSettingsDeps {
  /** Path of the user's Junk folder (special-use \Junk), or "Junk". */
  junkFolder(ctx: MailContext): Promise<string>;
  now(): Date;
}

export class MailboxSettingsService {
  constructor(private readonly config: Config, private readonly deps: MailboxSettingsDeps) {}

  private get limits(): MailboxSettingsState['limits'] {
    return { maxForwardTargets: MAX_FORWARD_TARGETS, maxMessageLength: MAX_AUTORESPONDER_LENGTH, maxPrefixLength: MAX_SUBJECT_PREFIX_LENGTH, vacationDays: this.config.sieve.vacationDays };
  }

  get enabled(): boolean {
    return this.config.sieve.backend === 'managesieve';
  }

  private async open(ctx: MailContext): Promise<ManageSieveClient> {
    if (!this.enabled) throw new Failure('FILTERS_UNAVAILABLE');
    const { host, port, security, tlsVerify } = this.config.sieve;
    try {
      return await connectManageSieve({ host, port, security, tlsVerify, user: ctx.user, password: ctx.password });
    } catch (error) {
      throw sieveFailure(error, error instanceof ManageSieveError && error.status === 'NO' ? 'authenticate' : 'connect');
    }
  }

  private async scriptOptions(ctx: MailContext): Promise<ScriptOptions> {
    const { spamHeader, virusHeader, vacationDays } = this.config.sieve;
    return { mailbox: ctx.user, vacationDays, spamHeader, virusHeader, junkFolder: await this.deps.junkFolder(ctx) };
  }

  private async withClient<T>(ctx: MailContext, work: (client: ManageSieveClient) => Promise<T>): Promise<T> {
    const client = await this.open(ctx);
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  }

  private async state(client: ManageSieveClient, options: ScriptOptions, expiredApplied: boolean): Promise<MailboxSettingsState> {
    const scripts = await this.step('list', () => client.listScripts());
    const ours = scripts.find((s) => s.name === WEBMAIL_SCRIPT);
    const otherActive = scripts.find((s) => s.active && s.name !== WEBMAIL_SCRIPT);
    const text = ours ? await this.step('get', () => client.getScript(WEBMAIL_SCRIPT)) : null;
    const read = text === null ? { settings: structuredClone(DEFAULT_MAILBOX_SETTINGS), editedElsewhere: false } : readScript(text, options);
    return {
      enabled: true,
      settings: read.settings,
      applied: ours?.active ?? false,
      otherActiveScript: otherActive?.name ?? null,
      otherScripts: scripts.filter((s) => s.name !== WEBMAIL_SCRIPT).map((s) => s.name),
      editedElsewhere: read.editedElsewhere,
      expiredApplied,
      limits: this.limits,
    };
  }

  private async step<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw sieveFailure(error, name);
    }
  }

  private async store(client: ManageSieveClient, settings: MailboxSettings, options: ScriptOptions, activate: boolean): Promise<void> {
    const script = generateScript(settings, options);
    await this.step('check', () => client.checkScript(script));
    await this.step('put', () => client.putScript(WEBMAIL_SCRIPT, script));
    if (activate) await this.step('activate', () => client.setActive(WEBMAIL_SCRIPT));
  }

  /**
   * The settings as the server has them. An autoresponder past its end date is switched off or
   * deleted here, as its "after the end" rule says (the script's date test already keeps it from
   * answering after that day; this makes the screen and the script say so too).
   */
  async read(ctx: MailContext): Promise<MailboxSettingsState> {
    if (!this.enabled) return { enabled: false, settings: DEFAULT_MAILBOX_SETTINGS, applied: false, otherActiveScript: null, otherScripts: [], editedElsewhere: false, expiredApplied: false, limits: this.limits };
    const options = await this.scriptOptions(ctx);
    return this.withClient(ctx, async (client) => {
      const current = await this.state(client, options, false);
      const reply = current.settings.autoresponder;
      if (current.editedElsewhere || !reply.active || !reply.endDate || reply.endDate >= isoDay(this.deps.now())) return current;
      const settings: MailboxSettings = {
        ...current.settings,
        autoresponder: reply.afterEnd === 'delete' ? { ...DEFAULT_MAILBOX_SETTINGS.autoresponder, afterEnd: 'delete' } : { ...reply, active: false },
      };
      await this.store(client, settings, options, false);
      return this.state(client, options, true);
    });
  }

  async save(ctx: MailContext, request: SaveMailboxSettingsRequest): Promise<MailboxSettingsState> {
    if (!this.enabled) throw new Failure('FILTERS_UNAVAILABLE');
    const settings: MailboxSettings = {
      ...request.settings,
      autoresponder: { ...request.settings.autoresponder, subjectPrefix: request.settings.autoresponder.subjectPrefix.replace(/[\r\n]+/g, ' ').trim() },
      forwarding: { ...request.settings.forwarding, targets: normalizeTargets(request.settings.forwarding.targets) },
    };
    const problems = settingsProblems(settings, ctx.user);
    if (problems.length > 0) throw new Failure(problems[0]!, {}, undefined, problems);
    const options = await this.scriptOptions(ctx);
    return this.withClient(ctx, async (client) => {
      const scripts = await this.step('list', () => client.listScripts());
      const otherActive = scripts.find((s) => s.active && s.name !== WEBMAIL_SCRIPT);
      if (otherActive && !request.replaceActive) throw new Failure('OTHER_SCRIPT_ACTIVE', { script: otherActive.name }, undefined, undefined, otherActive.name);
      const oursActive = scripts.some((s) => s.active && s.name === WEBMAIL_SCRIPT);
      await this.store(client, settings, options, !oursActive);
      return this.state(client, options, false);
    });
  }
}
