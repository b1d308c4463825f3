// Password change for the signed-in user: the policy from the gateway, the same checks the
// gateway makes (src/shared/password-policy) with the shipped blocklists, and a strength hint.
// The lists and the estimator are large, so they load only when this screen opens.
import { api } from '../api/client.js';
import type { PasswordPolicyResponse } from '../shared/api.js';
import { checkNewPassword, type PasswordProblem } from '../shared/password-policy.js';

export interface PasswordTools {
  isCommon(candidate: string): boolean;
  /** 0 (very weak) to 4 (strong), zxcvbn's scale. */
  strength(candidate: string, userInputs: string[]): number;
}

let tools: Promise<PasswordTools> | undefined;

export function loadPasswordTools(): Promise<PasswordTools> {
  tools ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('../shared/password-blocklist-de.js')]).then(
    ([core, common, german]) => {
      const blocklist = new Set([...(common.dictionary['passwords-common'] as string[]), ...german.GERMAN_COMMON_PASSWORDS].map((p) => p.toLowerCase()));
      const estimator = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary, german: [...german.GERMAN_COMMON_PASSWORDS] }, graphs: common.adjacencyGraphs });
      return {
        isCommon: (candidate) => blocklist.has(candidate.toLowerCase()),
        strength: (candidate, userInputs) => estimator.check(candidate, userInputs).score,
      };
    },
  );
  return tools;
}

export function loadPasswordPolicy(): Promise<PasswordPolicyResponse> {
  return api.passwordPolicy();
}

export function problemsOf(
  input: { mailbox: string; currentPassword: string; newPassword: string; confirmPassword: string },
  policy: PasswordPolicyResponse,
  isCommon: (candidate: string) => boolean,
): PasswordProblem[] {
  return checkNewPassword(input, policy, isCommon);
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return api.changePassword({ currentPassword, newPassword });
}
