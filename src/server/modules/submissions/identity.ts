/**
 * How the online applicant proves who they are. Today: a one-time code sent to the phone or e-mail they give
 * (possession of that contact). The national identity login (VNeID, through the National Public Service
 * Portal's SSO) would plug in here: see docs/identity-vneid.md.
 */
export interface VerifiedIdentity {
  method: 'otp' | 'vneid';
  /** Level of assurance: 'contact' = controls the phone/e-mail; 'national-id' = authenticated by VNeID level 2. */
  assurance: 'contact' | 'national-id';
  idNumber?: string;
  fullName?: string;
}

export interface IdentityProvider {
  readonly method: VerifiedIdentity['method'];
  /** Where to send the browser to start a login, or null when the provider needs no redirect (OTP). */
  startUrl(state: string): string | null;
  /** Completes the login from the provider's callback parameters. */
  complete(params: Record<string, string>): Promise<VerifiedIdentity>;
}

export const otpIdentity: IdentityProvider = {
  method: 'otp',
  startUrl: () => null,
  complete: async () => ({ method: 'otp', assurance: 'contact' }),
};
