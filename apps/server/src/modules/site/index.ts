import type { FastifyInstance } from 'fastify';
import type { PolicySettings } from './policy-shape.js';
import { loadSiteAssets } from './site-assets.js';
import { SiteContact, type SiteContactDeps } from './site-contact.js';
import { siteRoutes } from './site.routes.js';
import { offeredPlanIds } from './plans.js';

export interface SiteDeps extends SiteContactDeps {
  /** apps/server/site-assets: the CSS, the script and the console screenshots. */
  assetsDir: string;
  publicUrl: string | undefined;
  policy: PolicySettings;
  analytics: { id: string; src: string } | undefined;
  contactPerMinute?: number;
}

/**
 * The public site (docs/site.md): home, policies, contact form, sitemap. Registered before the web
 * app, which answers `/` for signed-in users and everything the site does not serve.
 */
export async function registerSite(http: FastifyInstance, deps: SiteDeps): Promise<void> {
  const assets = loadSiteAssets(deps.assetsDir);
  await http.register(siteRoutes, {
    ...assets,
    contact: new SiteContact(deps),
    publicUrl: deps.publicUrl,
    policy: deps.policy,
    analytics: deps.analytics,
    contactPerMinute: deps.contactPerMinute ?? 5,
    planIds: () => offeredPlanIds(deps.pool),
  });
}
