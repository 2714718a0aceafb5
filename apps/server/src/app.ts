import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './infra/config.js';
import { openDatabase, runMigrations, type Database } from './infra/db/index.js';
import { DomainError } from './infra/errors.js';
import { EventBus } from './infra/events.js';
import { registerErrorHandling } from './infra/http-errors.js';
import { startJobs, type Jobs } from './infra/jobs.js';
import type { Logger } from './infra/logger.js';
import { AuthRepository, AuthService, authRoutes, installAuthGuard } from './modules/auth/index.js';
import { CompaniesService, CompanyStatusService, SettingsService, settingsRoutes } from './modules/companies/index.js';
import { PlansRepository } from './modules/plans/index.js';
import { createMailer, type Mailer } from './infra/mailer.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { UsersRepository, UsersService, usersRoutes } from './modules/users/index.js';
import multipart from '@fastify/multipart';
import { LinkSigner, SecretBox } from './infra/crypto.js';
import { LocalStorage } from './infra/storage.js';
import { CloudTransport, ConnectionsService, connectionsRoutes, Transports } from './modules/connections/index.js';
import {
  ContactAdminService,
  contactActionsRoutes,
  ContactsService,
  contactsRoutes,
  customFieldsRoutes,
  LgpdService,
} from './modules/contacts/index.js';
import { auditRoutes } from './modules/audit/index.js';
import {
  ContactImportsRepository,
  ContactImportsService,
  contactImportsRoutes,
  ContactsExport,
  ImportFiles,
} from './modules/contact-imports/index.js';
import { FlowRunner, InboundRunner, registerCallbackJobs, type SurveyAnswers } from './modules/conversation/index.js';
import { createIntegrations } from './modules/integrations/index.js';
import { IngestService, whatsappWebhookRoutes } from './modules/ingest/index.js';
import {
  MAX_UPLOAD_BYTES,
  MessagesRepository,
  MessagesService,
  messagesRoutes,
  OutboundMessages,
  registerMessageJobs,
} from './modules/messages/index.js';
import { QueuesService, queuesRoutes } from './modules/queues/index.js';
import {
  NotesRepository,
  NotesService,
  notesRoutes,
  NotificationsRepository,
  NotificationsService,
  NoteWriter,
} from './modules/notes/index.js';
import {
  ProviderMediaRepository,
  QuickResponseSender,
  QuickResponsesRepository,
  QuickResponsesService,
  quickResponsesRoutes,
} from './modules/quick-responses/index.js';
import { SurveysService } from './modules/surveys/index.js';
import { AssignmentService, assignmentRoutes, PresenceService, registerAssignmentJobs } from './modules/assignment/index.js';
import { registerScheduledJobs, ScheduledRepository, ScheduledService, scheduledRoutes } from './modules/scheduled/index.js';
import { TicketLookup, TicketsRepository, TicketsService, ticketsRoutes } from './modules/tickets/index.js';
import { SearchRepository, SearchService, searchRoutes } from './modules/search/index.js';
import { KanbanService, kanbanRoutes, TagRulesService, TagsService, tagsRoutes } from './modules/tags/index.js';
import { startWebchat, WebchatRepository, webchatRoutes, WebchatTransport, type WebchatOutbox } from './modules/webchat/index.js';
import { startGateway, type Gateway } from './realtime/gateway.js';
import { WebSessions, whatsappWebSocketOptions, type WhatsAppWebOverrides } from './modules/whatsapp-web/index.js';
import { Late } from './infra/late.js';
import { createOutboundHttp, type OutboundHttp } from './infra/outbound-http.js';
import {
  AiSettingsService,
  createAiClient,
  FlowMediaLibrary,
  flowMediaRoutes,
  FlowsService,
  flowsRoutes,
  flowToolsRoutes,
  type AiClient,
} from './modules/flows/index.js';
import { registerWebhooks } from './modules/webhooks/index.js';
import { registerReports } from './modules/reports/index.js';
import { registerLeadHooks } from './modules/lead-hooks/index.js';
import { registerTeamChat } from './modules/team-chat/index.js';
import { registerReportsLive } from './modules/reports-live/index.js';
import { registerSite } from './modules/site/index.js';
import { inlineScriptHashes, serveWebApp } from './web-app.js';
import { developerGuide } from './developer-guide.js';
import { OutreachService } from './modules/outreach/index.js';
import { createApiTokens, registerPublicApi } from './modules/public-api/index.js';
import { registerAnnouncements } from './modules/announcements/index.js';
import { registerSignup } from './modules/signup/index.js';
import { registerOnboarding } from './modules/onboarding/index.js';
import { createPlanLimits, type PlanJobs } from './modules/plan-limits/index.js';
import { registerBilling, type BillingService } from './modules/billing/index.js';
import { registerPlatform } from './modules/platform/index.js';

interface Services {
  auth: AuthService;
  users: UsersService;
  companies: CompaniesService;
  queues: QueuesService;
  connections: ConnectionsService;
  contacts: ContactsService;
  tickets: TicketsService;
  surveys: SurveysService;
  messages: MessagesService;
  ingest: IngestService;
  transports: Transports;
  whatsappWeb: WebSessions;
  assignment: AssignmentService;
  presence: PresenceService;
  /** Tenant-typed URLs (flow HTTP nodes, the simulator) go through this SSRF-guarded client only. */
  outboundHttp: OutboundHttp;
  ai: AiClient;
  /** The SaaS plans (platform rows) and the one way a company's standing changes. */
  plans: PlansRepository;
  companyStatus: CompanyStatusService;
  mailer: Mailer;
  /** SAAS=on: the trial sweep and the resumption of held sends (modules/plan-limits); undefined otherwise. */
  planJobs?: PlanJobs;
  /** Invoices, payment and dunning; only when SAAS=on. */
  billing?: BillingService;
}

/** Test seams: what a test injects instead of WhatsApp's servers. */
export interface ServerOverrides {
  whatsappWeb?: WhatsAppWebOverrides;
  /** The clock routing and assignment read (working hours); tests move it instead of waiting for opening time. */
  now?: () => Date;
}

export interface JimmyServer {
  config: Config;
  http: FastifyInstance;
  database: Database;
  jobs: Jobs;
  events: EventBus;
  gateway: Gateway;
  services: Services;
  /** Every route as registered, for the tenant-isolation test and the route table in docs. */
  routes: RouteOptions[];
  listen(): Promise<string>;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
function webDistDir(config: Config): string {
  if (config.WEB_DIST_DIR) return path.resolve(config.WEB_DIST_DIR);
  // Bundle at apps/server/dist, sources at apps/server/src: the web build is apps/web/dist either way.
  return path.resolve(here, '../../web/dist');
}

/** Everything the process runs, wired once: database → migrations → jobs → HTTP → realtime. */
export async function createServer(config: Config, logger: Logger, overrides: ServerOverrides = {}): Promise<JimmyServer> {
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    logger,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  let jobs: Jobs | undefined;
  try {
    await runMigrations(database);
    jobs = await startJobs(database.pool, logger);
    return await assemble(config, logger, database, jobs, overrides);
  } catch (error) {
    await jobs?.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
}

async function assemble(config: Config, logger: Logger, database: Database, jobs: Jobs, overrides: ServerOverrides): Promise<JimmyServer> {
  const events = new EventBus((error, event) => logger.error({ err: error, event }, 'event subscriber failed'));
  const auth = new AuthService(new AuthRepository(database.db), events, config.appSecret, {
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL,
    refreshTokenTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
  });
  const box = new SecretBox(config.appSecret);
  const outboundHttp = createOutboundHttp({ allowPrivate: config.ALLOW_PRIVATE_NETWORK_CALLS });
  const ai = createAiClient({ pool: database.pool, box, http: outboundHttp, timeoutMs: config.AI_TIMEOUT_MS });
  const storage = new LocalStorage(path.join(config.dataDir, 'media'));
  const webchatVisitors = new WebchatRepository(database.pool);
  const webchatMediaLinks = new LinkSigner(config.appSecret, 'webchat-media');
  const queues = new QueuesService(database.pool, events);
  const connections = new ConnectionsService(database.pool, box, queues, events, config.PUBLIC_URL);
  const cloud = new CloudTransport(connections, {
    url: config.WHATSAPP_GRAPH_URL,
    version: config.WHATSAPP_GRAPH_VERSION,
    timeoutMs: config.WHATSAPP_TIMEOUT_MS,
  });
  const ticketsRepo = new TicketsRepository(database.pool);
  const messagesRepo = new MessagesRepository(database.pool);
  // Tickets write their system notes through the messages' outbound writer, which needs only a ticket lookup.
  const ticketLookup = new TicketLookup(ticketsRepo);
  // SAAS=on: plans limit creations, count messages and hold a read-only company's sends and automation.
  const planLimits = config.SAAS === 'on' ? createPlanLimits(database.pool) : undefined;
  const outbound = new OutboundMessages(messagesRepo, jobs, ticketLookup, planLimits?.usage);
  const notesRepo = new NotesRepository(database.pool);
  const noteWriter = new NoteWriter(notesRepo, new NotificationsRepository(database.pool), outbound);
  const tickets = new TicketsService({
    pool: database.pool,
    repo: ticketsRepo,
    lookup: ticketLookup,
    queues,
    events,
    jobs,
    notes: outbound,
    privateNotes: noteWriter,
    notifyRead: (ticketId) => jobs.send('tickets.mark-read', { ticketId }, { singletonKey: `read:${ticketId}` }),
  });
  const messages = new MessagesService(database.pool, messagesRepo, tickets, jobs, storage, events, outbound);
  const ingest = new IngestService(database.pool, jobs, tickets, messages, logger, config.INBOUND_PIPELINE === 'on', planLimits?.usage);
  const whatsappWeb = new WebSessions({
    pool: database.pool,
    box,
    jobs,
    events,
    connections,
    ingest,
    logger,
    nodeId: config.nodeId,
    leaseMs: config.WHATSAPP_WEB_LEASE_MS,
    qrLimit: config.WHATSAPP_WEB_QR_LIMIT,
    sendSpacingMs: config.WHATSAPP_WEB_SEND_SPACING_MS,
    ...(await whatsappWebSocketOptions(config, logger, overrides.whatsappWeb)),
  });
  const presence = new PresenceService({ pool: database.pool, events, logger, nodeId: config.nodeId });
  const assignment = new AssignmentService({
    pool: database.pool,
    events,
    jobs,
    tickets: ticketsRepo,
    lookup: ticketLookup,
    presence,
    ...(overrides.now && { now: overrides.now }),
  });
  // The web-chat namespace needs the Socket.IO server, which starts after HTTP: bound below, once.
  const webchatOutbox = new Late<WebchatOutbox>('webchat channel');
  const transports = new Transports({
    whatsapp_cloud: cloud,
    whatsapp_web: whatsappWeb.transport,
    webchat: new WebchatTransport(webchatOutbox),
  });
  const surveys = new SurveysService({
    pool: database.pool,
    events,
    jobs,
    outbound,
    lookup: ticketLookup,
    transports,
    ...(overrides.now && { now: overrides.now }),
  });
  await surveys.registerJobs();
  const services: Services = {
    auth,
    users: new UsersService(new UsersRepository(database.db), auth, events),
    companies: new CompaniesService(database.db),
    queues,
    connections,
    contacts: new ContactsService(database.db, database.pool),
    tickets,
    surveys,
    messages,
    ingest,
    transports,
    whatsappWeb,
    assignment,
    presence,
    outboundHttp,
    ai,
    plans: new PlansRepository(database.pool),
    companyStatus: new CompanyStatusService(database.pool, events),
    mailer: createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logFile: config.MAIL_LOG_FILE, logger }),
  };
  const stopAssignmentTriggers = await registerAssignmentJobs({ pool: database.pool, jobs, events, assignment, logger });
  const nodeWork = await registerMessageJobs({
    jobs,
    transports,
    connections,
    messages,
    repo: messagesRepo,
    storage,
    logger,
    providerMedia: new ProviderMediaRepository(database.pool),
    ...(planLimits && { paused: (companyId: number) => planLimits.paused(database.pool, companyId) }),
  });
  const quickResponses = new QuickResponsesService({
    pool: database.pool,
    repo: new QuickResponsesRepository(database.pool),
    queues,
    storage,
  });
  const quickResponseSender = new QuickResponseSender({
    pool: database.pool,
    events,
    jobs,
    storage,
    tickets,
    outbound,
    responses: quickResponses,
    ...(overrides.now && { now: overrides.now }),
  });
  const scheduledRepo = new ScheduledRepository(database.pool);
  const scheduled = new ScheduledService({
    pool: database.pool,
    repo: scheduledRepo,
    tickets,
    lookup: ticketLookup,
    jobs,
    events,
    storage,
  });
  await registerScheduledJobs({
    pool: database.pool,
    jobs,
    events,
    repo: scheduledRepo,
    scheduled,
    lookup: ticketLookup,
    outbound,
    repeatUnitMs: config.SCHEDULE_REPEAT_UNIT_MS,
  });
  const tags = new TagsService({ pool: database.pool, events, jobs, lookup: ticketLookup, tickets });
  const tagRules = new TagRulesService(tags);
  // Reaching a customer first by number: the public API and inbound lead webhooks share it.
  const outreach = new OutreachService({
    pool: database.pool,
    events,
    jobs,
    storage,
    http: outboundHttp,
    outbound,
    lookup: ticketLookup,
    tickets,
    tags,
    quickResponses: { responses: quickResponses, sender: quickResponseSender },
  });
  const kanban = new KanbanService({ pool: database.pool, events, jobs, tags, tickets, outbound });
  const surveyAnswers: SurveyAnswers = { answerIn: (q, ticket, reply, messageId) => surveys.answerTicketIn(q, ticket, reply, messageId) };
  const flows = new FlowRunner({
    pool: database.pool,
    jobs,
    events,
    outbound,
    transports,
    lookup: ticketLookup,
    logger,
    tags,
    http: outboundHttp,
    ai,
    closing: {
      closeByBotIn: (q, companyId, ticketId) => tickets.closeByBotIn(q, companyId, ticketId),
      // The flow's Close node asked for the survey: the company's mode still decides (never / agent / always).
      sendSurveyIn: (q, companyId, ticket) => surveys.sendIn(q, companyId, ticket, null, true),
    },
    assignment,
    ...(overrides.now && { now: overrides.now }),
  });
  await flows.register();
  const integrations = await createIntegrations({
    pool: database.pool,
    box,
    http: outboundHttp,
    jobs,
    events,
    outbound,
    transports,
    lookup: ticketLookup,
    logger,
    tickets,
    assignment,
    ai,
    notes: noteWriter,
    typebotTimeoutMs: config.TYPEBOT_TIMEOUT_MS,
  });
  const inbound = new InboundRunner({
    pool: database.pool,
    jobs,
    events,
    transports,
    outbound,
    lookup: ticketLookup,
    logger,
    assignment,
    ...(overrides.now && { now: overrides.now }),
    surveys: surveyAnswers,
    tagRules,
    flows,
    typebot: integrations.typebot,
    ...(planLimits && { paused: planLimits.paused }),
  });
  // Registered even when the pipeline is off, so jobs stored before it was switched off still run.
  await inbound.register();
  await registerCallbackJobs({ pool: database.pool, jobs, events, lookup: ticketLookup });
  const importFiles = new ImportFiles(path.join(config.dataDir, 'imports'));
  const contactImports = new ContactImportsService({
    pool: database.pool,
    repo: new ContactImportsRepository(database.pool),
    files: importFiles,
    jobs,
    events,
    logger,
  });
  await contactImports.registerJobs();

  let shuttingDown = false;
  // Widened so Fastify's instance type carries its own logger type, which every plugin and route expects.
  const httpLogger: FastifyBaseLogger = logger;
  const http = Fastify({
    loggerInstance: httpLogger,
    bodyLimit: 1024 * 1024,
    // Request lines only when debugging: at info level they would double the log volume of every webhook.
    logController: new LogController({ disableRequestLogging: config.LOG_LEVEL !== 'debug' && config.LOG_LEVEL !== 'trace' }),
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  });
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(http);
  const routes: RouteOptions[] = [];
  http.addHook('onRoute', (route) => {
    routes.push(route);
  });

  await http.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(webDistDir(config))],
        // Mantine sets inline style attributes; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await http.register(cookie);
  await http.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await http.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new DomainError('RATE_LIMITED', `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} s`, 429),
  });
  await http.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Jimmy Chat API',
        version: '0.1.0',
        description: developerGuide,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await http.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });
  http.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => http.swagger());

  const allowedOrigins = config.PUBLIC_URL ? [new URL(config.PUBLIC_URL).origin] : [];
  const apiTokens = createApiTokens(http, { pool: database.pool, logger, perMinute: config.API_RATE_LIMIT });
  installAuthGuard(http, auth, () => allowedOrigins, apiTokens);
  planLimits?.installHook(http);

  await http.register(healthRoutes, { ping: () => database.ping(), isShuttingDown: () => shuttingDown });
  await http.register(authRoutes, {
    auth,
    loginRateLimit: config.LOGIN_RATE_LIMIT,
    secureCookies: config.PUBLIC_URL?.startsWith('https://') ?? false,
    saas: config.SAAS === 'on',
  });
  await http.register(usersRoutes, { users: services.users });
  await registerSignup(http, {
    pool: database.pool,
    events,
    logger,
    mailer: services.mailer,
    auth,
    users: services.users,
    companies: services.companies,
    plans: services.plans,
    saas: config.SAAS === 'on',
    publicUrl: config.PUBLIC_URL,
    secureCookies: config.PUBLIC_URL?.startsWith('https://') ?? false,
    signupPerMinute: config.SIGNUP_RATE_LIMIT,
  });
  await http.register(queuesRoutes, { queues });
  await http.register(settingsRoutes, { settings: new SettingsService(database.pool, queues, events) });
  await http.register(connectionsRoutes, { connections, cloud, qrSessions: whatsappWeb.qr });
  await http.register(contactImportsRoutes, { imports: contactImports, exporter: new ContactsExport(database.pool), files: importFiles });
  await http.register(contactsRoutes, {
    contacts: services.contacts,
    tickets,
    events,
    notesOf: (auth, ticketIds) => notesRepo.ofTickets(auth.companyId, ticketIds),
  });
  await http.register(contactActionsRoutes, {
    db: database.db,
    pool: database.pool,
    contacts: services.contacts,
    tickets,
    admin: new ContactAdminService({ pool: database.pool, events, jobs, lookup: ticketLookup }),
    lgpd: new LgpdService({ pool: database.pool, events, storage, lookup: ticketLookup, logger }),
    events,
  });
  await http.register(customFieldsRoutes, { pool: database.pool });
  await http.register(auditRoutes, { pool: database.pool });
  await http.register(ticketsRoutes, { tickets, surveys, unit: { pool: database.pool, events, jobs } });
  await http.register(messagesRoutes, { messages });
  const notes = new NotesService({ pool: database.pool, events, jobs, repo: notesRepo, writer: noteWriter, tickets, messages: outbound });
  await http.register(notesRoutes, { notes, notifications: new NotificationsService(new NotificationsRepository(database.pool)) });
  await http.register(assignmentRoutes, { assignment });
  await http.register(scheduledRoutes, { scheduled });
  await http.register(searchRoutes, { search: new SearchService(new SearchRepository(database.pool), tickets) });
  await http.register(tagsRoutes, { tags });
  await http.register(kanbanRoutes, { kanban, rules: tagRules });
  await http.register(quickResponsesRoutes, { responses: quickResponses, sender: quickResponseSender });
  await http.register(whatsappWebhookRoutes, { connections, ingest: services.ingest });
  const flowMedia = new FlowMediaLibrary(database.pool, storage);
  await http.register(flowMediaRoutes, { library: flowMedia });
  await http.register(flowsRoutes, {
    flows: new FlowsService(database.pool, { library: flowMedia, http: outboundHttp }, events),
    pool: database.pool,
  });
  await http.register(flowToolsRoutes, { pool: database.pool, outboundHttp, ai, aiSettings: new AiSettingsService(database.pool, box) });
  await registerPublicApi(http, {
    pool: database.pool,
    events,
    jobs,
    apiTokens,
    outreach,
    messages,
    tickets,
    surveys,
    queues,
    tags,
    contacts: services.contacts,
  });
  await registerLeadHooks(http, { pool: database.pool, events, jobs, lookup: ticketLookup, outbound, tags, flows, assignment, logger });
  await registerReportsLive(http, { pool: database.pool, assignment });
  await integrations.registerRoutes(http);
  await http.register(webchatRoutes, { connections, visitors: webchatVisitors, storage, mediaLinks: webchatMediaLinks });
  const webhooks = await registerWebhooks(http, {
    pool: database.pool,
    jobs,
    events,
    box,
    outboundHttp,
    logger,
    notices: new NotificationsRepository(database.pool),
    allowPrivate: config.ALLOW_PRIVATE_NETWORK_CALLS,
    timings: {
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
      retryWindowMs: config.WEBHOOK_RETRY_WINDOW_MS,
      disableAfterMs: config.WEBHOOK_DISABLE_AFTER_MS,
    },
    relayIntervalMs: config.WEBHOOK_RELAY_INTERVAL_MS,
  });
  const reports = await registerReports(http, { pool: database.pool, events, logger, ...(overrides.now && { now: overrides.now }) });

  const teamChat = await registerTeamChat(http, {
    pool: database.pool,
    events,
    storage,
    logger,
    viewerOf: (reader) => tickets.viewer(reader),
  });

  const announcements = await registerAnnouncements(http, { pool: database.pool, events });
  const onboarding = config.SAAS === 'on' ? await registerOnboarding(http, { pool: database.pool, events }) : null;
  if (planLimits)
    services.planJobs = await planLimits.register(http, {
      jobs,
      events,
      companyStatus: services.companyStatus,
      logger,
      ...(overrides.now && { now: overrides.now }),
    });

  if (config.SAAS === 'on')
    services.billing = await registerBilling(http, {
      pool: database.pool,
      events,
      jobs,
      logger,
      config,
      plans: services.plans,
      companyStatus: services.companyStatus,
      mailer: services.mailer,
      publicUrl: config.PUBLIC_URL,
      reminderDays: config.BILLING_REMINDER_DAYS,
      graceDays: config.BILLING_GRACE_DAYS,
    });

  if (config.SAAS === 'on')
    await registerPlatform(http, {
      pool: database.pool,
      auth,
      plans: services.plans,
      companyStatus: services.companyStatus,
      secureCookies: config.PUBLIC_URL?.startsWith('https://') ?? false,
    });

  if (config.PUBLIC_SITE === 'on')
    await registerSite(http, {
      pool: database.pool,
      events,
      jobs,
      lookup: ticketLookup,
      outbound,
      tags,
      assignment,
      ...(config.SITE_COMPANY_ID !== undefined && { companyId: config.SITE_COMPANY_ID }),
      assetsDir: path.resolve(here, '../site-assets'),
      publicUrl: config.PUBLIC_URL,
      policy: { name: config.SITE_CONTROLLER_NAME, document: config.SITE_CONTROLLER_DOCUMENT, dpoEmail: config.SITE_DPO_EMAIL },
      analytics: config.SITE_ANALYTICS_ID ? { id: config.SITE_ANALYTICS_ID, src: config.SITE_ANALYTICS_SRC } : undefined,
    });
  await serveWebApp(http, webDistDir(config));

  const gateway = await startGateway({
    httpServer: http.server,
    auth,
    events,
    logger,
    redisUrl: config.REDIS_URL,
    ...(config.REDIS_KEY && { redisKey: config.REDIS_KEY }),
    viewerOf: (companyId, userId, role) => tickets.viewer({ companyId, userId, role }),
    presence,
  });
  teamChat.attachRealtime(gateway.io);
  announcements.attachRealtime(gateway.io);
  onboarding?.attachRealtime(gateway.io);
  webchatOutbox.bind(
    startWebchat({
      io: gateway.io,
      connections,
      ingest: services.ingest,
      visitors: webchatVisitors,
      messages,
      events,
      mediaLinks: webchatMediaLinks,
      logger,
    }),
  );
  await whatsappWeb.start(nodeWork);
  await presence.start();

  return {
    config,
    http,
    database,
    jobs,
    events,
    gateway,
    services,
    routes,
    async listen() {
      return http.listen({ port: config.PORT, host: config.HOST });
    },
    async close() {
      shuttingDown = true;
      await whatsappWeb.stop();
      stopAssignmentTriggers();
      await webhooks.stop();
      await reports.stop();
      teamChat.stop();
      announcements.stop();
      onboarding?.stop();
      services.planJobs?.stop();
      await gateway.close();
      await presence.stop();
      await http.close();
      await jobs.stop();
      await database.close();
    },
  };
}
