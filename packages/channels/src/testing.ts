// Test helpers for this and other packages; kept out of the main entry so production code
// cannot import the fake by accident.
export { FakeGraphServer, startFakeGraphServer } from './whatsapp-cloud/fakeGraphServer.js';
export type { FakeGraphOptions, RecordedRequest, SentMessage } from './whatsapp-cloud/fakeGraphServer.js';
export { signWebhook } from './whatsapp-cloud/signWebhook.js';
export { cloudFixturesDir, listCloudFixtures, readCloudFixture } from './whatsapp-cloud/cloudFixtures.js';
export { FakeSocket, FakeWhatsAppWeb } from './whatsapp-web/fakeWhatsAppWeb.js';
export type { FakeSend, FakeWhatsAppWebOptions } from './whatsapp-web/fakeWhatsAppWeb.js';
export { listWebFixtures, readWebFixture, webFixturesDir } from './whatsapp-web/webFixtures.js';
