import type { Copy, Lang } from './copy-shape.js';

/** Every interpolated value goes through this: settings and copy are plain text, never markup. */
function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Marks a fragment built by these templates (already escaped) apart from text that still needs it. */
export interface Html {
  readonly html: string;
}
export const raw = (html: string): Html => ({ html });

/** A tagged template: interpolated strings and numbers are escaped, fragments (Html, arrays of them) are kept. */
export function html(strings: TemplateStringsArray, ...values: (string | number | Html | Html[] | null | undefined | false)[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    if (value === null || value === undefined || value === false) out += '';
    else if (Array.isArray(value)) out += value.map((v) => v.html).join('');
    else if (typeof value === 'object') out += value.html;
    else out += esc(value);
    out += strings[i + 1] ?? '';
  });
  return raw(out);
}

export interface SiteLinks {
  home: Record<Lang, string>;
  privacy: Record<Lang, string>;
  cookies: Record<Lang, string>;
  sent: Record<Lang, string>;
}

export const LINKS: SiteLinks = {
  home: { 'pt-BR': '/', en: '/en' },
  privacy: { 'pt-BR': '/privacidade', en: '/en/privacy' },
  cookies: { 'pt-BR': '/cookies', en: '/en/cookies' },
  sent: { 'pt-BR': '/contato/enviado', en: '/en/contact/sent' },
};

export interface PageMeta {
  lang: Lang;
  page: keyof SiteLinks;
  title: string;
  description: string;
  /** Absolute base (PUBLIC_URL) for canonical, hreflang and Open Graph; relative when unset. */
  origin: string;
  assets: { css: string; js: string; ogImage?: string | undefined };
  analytics?: { id: string; src: string } | undefined;
  noindex?: boolean;
}

function head(meta: PageMeta): Html {
  const url = (lang: Lang) => `${meta.origin}${LINKS[meta.page][lang]}`;
  return html`<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${meta.title}</title>
    <meta name="description" content="${meta.description}" />
    ${meta.noindex ? raw('<meta name="robots" content="noindex">') : raw('')}
    <link rel="canonical" href="${url(meta.lang)}" />
    <link rel="alternate" hreflang="pt-BR" href="${url('pt-BR')}" />
    <link rel="alternate" hreflang="en" href="${url('en')}" />
    <link rel="alternate" hreflang="x-default" href="${url('pt-BR')}" />
    <meta property="og:type" content="website" />
    <meta property="og:site_name" content="Jimmy Chat" />
    <meta property="og:title" content="${meta.title}" />
    <meta property="og:description" content="${meta.description}" />
    <meta property="og:url" content="${url(meta.lang)}" />
    <meta property="og:locale" content="${meta.lang === 'en' ? 'en_US' : 'pt_BR'}" />
    <meta property="og:locale:alternate" content="${meta.lang === 'en' ? 'pt_BR' : 'en_US'}" />
    ${meta.assets.ogImage ? html`<meta property="og:image" content="${meta.origin}${meta.assets.ogImage}" />` : raw('')}
    <meta name="twitter:card" content="summary_large_image" />
    <meta name="theme-color" content="#0b7a5a" />
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="${meta.assets.css}" />
    <script src="${meta.assets.js}" defer></script>
  </head>`;
}

function header(meta: PageMeta, copy: Copy): Html {
  const other: Lang = meta.lang === 'en' ? 'pt-BR' : 'en';
  const home = LINKS.home[meta.lang];
  return html`<a class="skip" href="#main">${copy.nav.skip}</a>
    <header class="top">
      <div class="wrap top-row">
        <a class="brand" href="${home}" aria-label="${copy.nav.homeLabel}"><span class="logo" aria-hidden="true">J</span>Jimmy Chat</a>
        <nav aria-label="${copy.nav.label}">
          <ul class="nav">
            <li><a href="${home}#recursos">${copy.nav.features}</a></li>
            <li><a href="${home}#precos">${copy.nav.pricing}</a></li>
            <li><a href="${home}#contato">${copy.nav.contact}</a></li>
            <li>
              <a href="${LINKS[meta.page][other]}" hreflang="${other}" lang="${other}" data-testid="site-lang">${copy.nav.otherLanguage}</a>
            </li>
            <li><a class="btn btn-ghost" href="/login">${copy.nav.signIn}</a></li>
          </ul>
        </nav>
      </div>
    </header>`;
}

function footer(meta: PageMeta, copy: Copy): Html {
  const year = new Date().getFullYear();
  return html`<footer class="foot">
    <div class="wrap foot-row">
      <p>© ${year} Jimmy Chat · ${copy.footer.tagline}</p>
      <nav aria-label="${copy.footer.label}">
        <ul class="foot-links">
          <li><a href="${LINKS.privacy[meta.lang]}">${copy.footer.privacy}</a></li>
          <li><a href="${LINKS.cookies[meta.lang]}">${copy.footer.cookies}</a></li>
          <li><button type="button" class="linklike" data-consent-open data-testid="consent-reopen">${copy.footer.preferences}</button></li>
        </ul>
      </nav>
    </div>
  </footer>`;
}

/**
 * The consent dialog, in the page from the start (hidden): without JavaScript no optional cookie is
 * ever set, so nothing needs asking. site.js shows it until a choice is stored in `jimmy_consent`.
 */
function consentBanner(meta: PageMeta, copy: Copy): Html {
  const c = copy.consent;
  const category = (key: 'preferences' | 'analytics' | 'marketing') =>
    html`<li>
      <label class="switch"
        ><input type="checkbox" name="${key}" data-testid="consent-${key}" /><span>${c.categories[key].name}</span></label
      >
      <p class="hint">${c.categories[key].text}</p>
    </li>`;
  return html`<section
    class="consent"
    id="consent"
    role="dialog"
    aria-modal="false"
    aria-labelledby="consent-title"
    hidden
    data-testid="consent-banner"
  >
    <div class="consent-box">
      <h2 id="consent-title">${c.title}</h2>
      <p>${c.text} <a href="${LINKS.cookies[meta.lang]}">${c.policyLink}</a></p>
      <form class="consent-details" id="consent-details" hidden>
        <fieldset>
          <legend>${c.customizeTitle}</legend>
          <ul class="categories">
            <li>
              <label class="switch"><input type="checkbox" checked disabled /><span>${c.categories.essential.name}</span></label>
              <p class="hint">${c.categories.essential.text}</p>
            </li>
            ${category('preferences')}${category('analytics')}${category('marketing')}
          </ul>
        </fieldset>
      </form>
      <div class="consent-actions">
        <button type="button" class="btn btn-ghost" data-consent="reject" data-testid="consent-reject">${c.rejectAll}</button>
        <button type="button" class="btn btn-ghost" data-consent="customize" data-testid="consent-customize">${c.customize}</button>
        <button type="button" class="btn btn-ghost" data-consent="save" data-testid="consent-save" hidden>${c.save}</button>
        <button type="button" class="btn" data-consent="accept" data-testid="consent-accept">${c.acceptAll}</button>
      </div>
    </div>
  </section>`;
}

/** A whole page: the analytics settings travel as data attributes (the CSP allows no inline script). */
export function page(meta: PageMeta, copy: Copy, main: Html): string {
  const analytics = meta.analytics ? html` data-analytics-id="${meta.analytics.id}" data-analytics-src="${meta.analytics.src}"` : raw('');
  return `<!doctype html>\n${
    html`<html lang="${meta.lang}">
${head(meta)}
<body${analytics} data-site="${meta.page}">
${header(meta, copy)}
<main id="main" tabindex="-1">
${main}
</main>
${footer(meta, copy)}
${consentBanner(meta, copy)}
</body>
</html>`.html
  }\n`;
}
