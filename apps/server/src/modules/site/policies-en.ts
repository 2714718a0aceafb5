import type { Policies, PolicySettings } from './policy-shape.js';

/** The English reading of the pt-BR policies (the pt-BR text prevails, as the LGPD is Brazilian law). */
export function policiesEn(s: PolicySettings): Policies {
  const controller = s.document ? `${s.name} (tax id ${s.document})` : s.name;
  return {
    privacy: [
      {
        id: 'controller',
        title: 'Who the controller is',
        body: [
          `The controller of the personal data handled on this site and in Jimmy Chat's customer records is ${controller}. For any privacy matter, write to our data protection officer (DPO) at ${s.dpoEmail}.`,
          'This policy explains what we do with the data of people who visit the site, ask to be contacted, try or subscribe to Jimmy Chat. The conversations our customer companies hold with their own customers through Jimmy Chat are handled on those companies’ behalf: for them the customer company is the controller and we are a processor, following its instructions and the contract. The Portuguese version of this policy prevails.',
        ],
      },
      {
        id: 'data',
        title: 'What we collect and why',
        body: [
          [
            'Contact form: name, WhatsApp number, company and the message you write — so an agent can reach you on WhatsApp about Jimmy Chat.',
            'Console account: name, e-mail, password (stored only as a hash) and access records — so you can sign in, to keep the account secure, and to keep the access logs Brazilian law (Marco Civil da Internet) requires.',
            'Billing: company name, tax id, address and payment history — to charge and issue invoices.',
            'Browsing: IP address, browser and pages visited, in technical server logs — for security and for the site to work; visit statistics only if you accept statistics cookies.',
          ],
        ],
      },
      {
        id: 'legal-bases',
        title: 'Legal bases (LGPD article 7)',
        body: [
          [
            'Pre-contractual steps and performance of a contract (art. 7, V): answering your contact request, creating and keeping your account, providing the service.',
            'Legal or regulatory obligation (art. 7, II): access logs, tax and accounting records.',
            'Legitimate interest (art. 7, IX): site security, preventing fraud and abuse (for instance limiting repeated form submissions), always respecting your rights and expectations.',
            'Consent (art. 7, I): preference, statistics and marketing cookies. You may withdraw it at any time under “Cookie preferences”.',
            'Exercise of rights (art. 7, VI): keeping what we need to defend ourselves in legal proceedings.',
          ],
        ],
      },
      {
        id: 'retention',
        title: 'How long we keep it',
        body: [
          [
            'Contact requests that do not become a contract: up to 12 months after the last contact, then deleted.',
            'Account and service data: while the contract lasts; after it ends the customer company can export everything and the data is deleted within 90 days, except what the law requires us to keep.',
            'Access logs: 6 months (Marco Civil da Internet, art. 15).',
            'Tax records: for the period tax law sets (usually 5 years).',
          ],
        ],
      },
      {
        id: 'sharing',
        title: 'Who we share it with',
        body: [
          'We do not sell personal data. We share it only with processors that help us provide the service, under contract and only what they need:',
          [
            'The hosting and database providers Jimmy Chat runs on.',
            'Meta (WhatsApp), when a message is sent or received through WhatsApp.',
            'The payment gateway, to process charges.',
            'The visit-statistics service, only if you consent.',
            'Public authorities, when the law or a court order requires it.',
          ],
        ],
      },
      {
        id: 'transfer',
        title: 'International transfer',
        body: [
          'Some processors (such as Meta and cloud providers) may handle data outside Brazil. Such transfers follow LGPD article 33, with contractual clauses and safeguards equivalent to Brazilian ones.',
        ],
      },
      {
        id: 'rights',
        title: 'Your rights (LGPD article 18)',
        body: [
          'At any time and free of charge you may:',
          [
            'confirm whether we handle your data and access it;',
            'correct incomplete, inaccurate or outdated data;',
            'ask for anonymisation, blocking or deletion of unnecessary or excessive data, or data handled against the law;',
            'ask for your data to be ported to another provider;',
            'ask for deletion of the data handled on the basis of your consent;',
            'learn whom we share your data with;',
            'learn that you may refuse consent and what follows from refusing;',
            'withdraw consent;',
            'object to processing based on another legal basis if the law is not being followed.',
          ],
          `To exercise a right, write to ${s.dpoEmail} with your name and the WhatsApp number or e-mail you used with us. We may ask you to confirm your identity first. We answer within 15 days. If your conversation was with a company that uses Jimmy Chat, send the request to that company; we help it answer. You may also complain to Brazil’s data protection authority (ANPD).`,
        ],
      },
      {
        id: 'security',
        title: 'Security',
        body: [
          'We use encrypted connections (HTTPS), hashed passwords, encrypted integration secrets, role-based access control and isolation between companies. Should a security incident create a relevant risk or harm, we will tell those affected and the ANPD.',
        ],
      },
      {
        id: 'changes',
        title: 'Changes to this policy',
        body: [
          'When this policy changes we update the effective date at the top of the page; relevant changes are announced in the console and by e-mail to customers.',
        ],
      },
    ],
    cookies: [
      {
        id: 'what',
        title: 'What cookies are',
        body: [
          'Cookies are small files a site stores in your browser to remember things between pages or visits. We use only Jimmy Chat’s own cookies, and the optional ones only after you choose.',
        ],
      },
      {
        id: 'categories',
        title: 'The categories we use',
        body: [
          [
            'Essential (always on): jimmy_consent stores your cookie choice (version, categories and date) for 6 months; jc_at and jc_rt keep the session of people signed in to the console and end with it. The site cannot work without them, so they need no consent.',
            'Preferences (optional): remember options such as the language. We set none today; if we start to, it will only be with this consent.',
            'Statistics (optional): when the site’s operator enables them, a visit-counting service measures page views in aggregate. Its script is downloaded only after you accept this category; without that, no request is made to it.',
            'Marketing (optional): would measure campaign results. We use none today; the category exists so we ask first should that change.',
          ],
        ],
      },
      {
        id: 'choice',
        title: 'How to change your choice',
        body: [
          'Click “Cookie preferences” in the footer of any page to accept, reject or customise the categories. Rejecting the optional ones limits nothing on the site. You can also delete cookies in your browser’s settings; we will then ask again on your next visit.',
          'Your choice lasts 6 months or until we change the categories in this policy, whichever comes first; then we ask again.',
        ],
      },
      {
        id: 'contact',
        title: 'Contact',
        body: [`Questions about cookies or personal data: ${s.dpoEmail}, our data protection officer’s e-mail.`],
      },
    ],
  };
}
