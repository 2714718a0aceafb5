import { FEATURE_KEYS, type Copy, type FeatureKey, type Lang } from './copy-shape.js';
import { html, LINKS, raw, type Html } from './layout.js';
import { formatBrl, type SitePlan } from './plans.js';

interface Shot {
  url: string;
  width: number;
  height: number;
}
export type Shots = Partial<Record<FeatureKey | 'hero', Shot>>;

// The console's self-service sign-up (modules/signup); a plan's button preselects that plan.
const TRIAL_URL = '/signup';

/** The stand-in plans (an empty plans table) have no id: their buttons open the sign-up without a choice. */
function planSignupUrl(plan: SitePlan): string {
  return plan.id === undefined ? TRIAL_URL : `${TRIAL_URL}?plan=${plan.id}`;
}

function picture(shot: Shot | undefined, alt: string, eager = false): Html {
  if (!shot) return html`<div class="shot shot-missing" role="img" aria-label="${alt}"></div>`;
  return html`<img
    class="shot"
    src="${shot.url}"
    width="${shot.width}"
    height="${shot.height}"
    alt="${alt}"
    ${raw(eager ? 'fetchpriority="high"' : 'loading="lazy" decoding="async"')}
  />`;
}

function features(copy: Copy, shots: Shots): Html {
  const items = FEATURE_KEYS.map((key) => {
    const f = copy.features[key];
    return html`<li class="feature" id="recurso-${key}">
      ${picture(shots[key], f.title)}
      <h3>${f.title}</h3>
      <p>${f.text}</p>
    </li>`;
  });
  return html`<section class="section" id="recursos" aria-labelledby="recursos-title">
    <div class="wrap">
      <h2 id="recursos-title">${copy.featuresTitle}</h2>
      <p class="section-lead">${copy.featuresLead}</p>
      <ul class="features">
        ${items}
      </ul>
    </div>
  </section>`;
}

function pricing(lang: Lang, copy: Copy, plans: SitePlan[]): Html {
  const p = copy.pricing;
  const cards = plans.map(
    (plan) =>
      html`<li class="plan${plan.highlighted ? ' plan-hl' : ''}">
        ${plan.highlighted ? html`<p class="badge">${p.popular}</p>` : raw('')}
        <h3>${plan.name[lang]}</h3>
        <p class="price"><strong>${formatBrl(plan.priceCents)}</strong><span>${p.perMonth}</span></p>
        <ul class="checks">
          ${plan.users === null ? raw('') : html`<li>${plan.users} ${p.users}</li>`}
          ${plan.connections === null ? raw('') : html`<li>${plan.connections} ${p.connections}</li>`}
          ${plan.features[lang].map((f) => html`<li>${f}</li>`)}
        </ul>
        <a class="btn${plan.highlighted ? '' : ' btn-ghost'}" href="${planSignupUrl(plan)}" data-testid="site-plan-${plan.key}"
          >${p.trial}</a
        >
      </li>`,
  );
  return html`<section class="section alt" id="precos" aria-labelledby="precos-title">
    <div class="wrap">
      <h2 id="precos-title">${p.title}</h2>
      <p class="section-lead">${p.lead}</p>
      <ul class="plans">
        ${cards}
      </ul>
      <p class="fine">${p.note}</p>
    </div>
  </section>`;
}

function contactForm(lang: Lang, copy: Copy): Html {
  const c = copy.contact;
  const optional = html` <span class="opt">(${c.optional})</span>`;
  return html`<section class="section" id="contato" aria-labelledby="contato-title">
    <div class="wrap contact">
      <div>
        <h2 id="contato-title">${c.title}</h2>
        <p class="section-lead">${c.lead}</p>
        <p class="fine">${c.privacyNote} <a href="${LINKS.privacy[lang]}">${c.privacyLink}</a>.</p>
      </div>
      <form
        class="card form"
        method="post"
        action="/api/public/contact"
        data-testid="contact-form"
        data-sending="${c.sending}"
        data-error-name="${c.errors.name}"
        data-error-whatsapp="${c.errors.whatsapp}"
        data-error-rate="${c.errors.rateLimited}"
        data-error-generic="${c.errors.generic}"
      >
        <input type="hidden" name="lang" value="${lang}" />
        <div class="field">
          <label for="f-name">${c.name}</label>
          <input id="f-name" name="name" autocomplete="name" required maxlength="120" aria-describedby="f-name-err" />
          <p class="err" id="f-name-err" aria-live="polite"></p>
        </div>
        <div class="field">
          <label for="f-whatsapp">${c.whatsapp}</label>
          <input
            id="f-whatsapp"
            name="whatsapp"
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            required
            maxlength="40"
            aria-describedby="f-whatsapp-hint f-whatsapp-err"
          />
          <p class="hint" id="f-whatsapp-hint">${c.whatsappHint}</p>
          <p class="err" id="f-whatsapp-err" aria-live="polite"></p>
        </div>
        <div class="field">
          <label for="f-company">${c.company}${optional}</label>
          <input id="f-company" name="company" autocomplete="organization" maxlength="120" />
        </div>
        <div class="field">
          <label for="f-message">${c.message}${optional}</label>
          <textarea id="f-message" name="message" rows="3" maxlength="2000"></textarea>
        </div>
        <button class="btn btn-block" type="submit" data-testid="contact-submit">${c.submit}</button>
        <p class="status" role="status" aria-live="polite" data-testid="contact-status"></p>
      </form>
    </div>
  </section>`;
}

export function homeMain(lang: Lang, copy: Copy, shots: Shots, plans: SitePlan[]): Html {
  const h = copy.hero;
  return html`<section class="hero" aria-labelledby="hero-title">
      <div class="wrap hero-grid">
        <div>
          <p class="eyebrow">${h.eyebrow}</p>
          <h1 id="hero-title">${h.title}</h1>
          <p class="lead">${h.lead}</p>
          <p class="cta">
            <a class="btn btn-lg" href="${TRIAL_URL}" data-testid="site-trial">${h.trial}</a>
            <a class="btn btn-lg btn-ghost" href="#contato">${h.talk}</a>
          </p>
          <p class="fine">${h.note}</p>
        </div>
        ${picture(shots.hero, h.shotAlt, true)}
      </div>
    </section>
    ${features(copy, shots)} ${pricing(lang, copy, plans)} ${contactForm(lang, copy)}`;
}
