/** The shape of the policy texts (policies-pt.ts, policies-en.ts). */
/** A paragraph is a string; a list is an array of strings. */
export interface PolicySection {
  id: string;
  title: string;
  body: (string | string[])[];
}
export interface Policies {
  privacy: PolicySection[];
  cookies: PolicySection[];
}
export interface PolicySettings {
  name: string;
  document: string | undefined;
  dpoEmail: string;
}
