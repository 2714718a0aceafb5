import type { Copy, Lang } from './copy-shape.js';
import { html, type Html } from './layout.js';
import { policiesEn } from './policies-en.js';
import { policiesPt } from './policies-pt.js';
import type { Policies, PolicySection, PolicySettings } from './policy-shape.js';

/** Change with the text; the consent cookie carries CONSENT_VERSION, bumped when the cookie categories change. */
const POLICY_EFFECTIVE_DATE = '2026-12-03';

export function policiesFor(lang: Lang, settings: PolicySettings): Policies {
  return lang === 'en' ? policiesEn(settings) : policiesPt(settings);
}

function formatDate(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
}

export function policyMain(lang: Lang, copy: Copy, title: string, sections: PolicySection[]): Html {
  const toc = sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`);
  const body = sections.map(
    (s) =>
      html`<section aria-labelledby="${s.id}">
        <h2 id="${s.id}">${s.title}</h2>
        ${s.body.map((part) =>
          typeof part === 'string'
            ? html`<p>${part}</p>`
            : html`<ul>
                ${part.map((item) => html`<li>${item}</li>`)}
              </ul>`,
        )}
      </section>`,
  );
  return html`<article class="wrap prose">
    <h1>${title}</h1>
    <p class="fine">${copy.policy.effective} <time datetime="${POLICY_EFFECTIVE_DATE}">${formatDate(lang, POLICY_EFFECTIVE_DATE)}</time></p>
    <nav aria-label="${copy.policy.contents}" class="toc">
      <h2 class="toc-title">${copy.policy.contents}</h2>
      <ol>
        ${toc}
      </ol>
    </nav>
    ${body}
  </article>`;
}
