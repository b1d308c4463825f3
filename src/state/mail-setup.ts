// The signed-in mailbox's settings for mail programs, from the gateway (they are the host's
// settings, so nothing of them is cached on the device).
import { api } from '../api/client.js';
import { SETUP_API, type MailSetupResponse } from '../shared/api.js';

export const loadMailSetup = (): Promise<MailSetupResponse> => api.mailSetup();

/** A plain link: the browser downloads the profile with the session cookie. */
export const APPLE_PROFILE_URL = SETUP_API.appleProfile;
