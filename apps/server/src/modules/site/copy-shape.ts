/** The shape of the site's texts, apart from the texts themselves (copy-pt.ts, copy-en.ts). */

export type Lang = 'pt-BR' | 'en';

/** The features the home page shows, each with a screenshot of the console (site-assets/shots/<key>.webp). */
export const FEATURE_KEYS = [
  'queues',
  'flows',
  'quickResponses',
  'tags',
  'notes',
  'history',
  'scheduled',
  'hours',
  'survey',
  'teamChat',
  'reports',
  'api',
  'webhooks',
  'integrations',
] as const;
export type FeatureKey = (typeof FEATURE_KEYS)[number];

export interface Copy {
  meta: { homeTitle: string; homeDescription: string; privacyTitle: string; cookiesTitle: string; sentTitle: string };
  nav: {
    skip: string;
    homeLabel: string;
    label: string;
    features: string;
    pricing: string;
    contact: string;
    otherLanguage: string;
    signIn: string;
  };
  hero: { eyebrow: string; title: string; lead: string; trial: string; talk: string; note: string; shotAlt: string };
  featuresTitle: string;
  featuresLead: string;
  features: Record<FeatureKey, { title: string; text: string }>;
  pricing: {
    title: string;
    lead: string;
    perMonth: string;
    trial: string;
    popular: string;
    users: string;
    connections: string;
    note: string;
  };
  contact: {
    title: string;
    lead: string;
    name: string;
    whatsapp: string;
    whatsappHint: string;
    company: string;
    message: string;
    optional: string;
    submit: string;
    sending: string;
    success: string;
    errors: { name: string; whatsapp: string; rateLimited: string; generic: string };
    privacyNote: string;
    privacyLink: string;
  };
  sent: { title: string; back: string; failedTitle: string };
  footer: { tagline: string; label: string; privacy: string; cookies: string; preferences: string };
  consent: {
    title: string;
    text: string;
    policyLink: string;
    customizeTitle: string;
    acceptAll: string;
    rejectAll: string;
    customize: string;
    save: string;
    categories: Record<'essential' | 'preferences' | 'analytics' | 'marketing', { name: string; text: string }>;
  };
  policy: { effective: string; contents: string };
}
