import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, demoAdmin, launchBrowser, login, screenshot } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

// Excel pt-BR style: BOM, ';', a quoted cell with the separator, an invalid number and a repeat (old 8-digit form).
const CSV = [
  '\uFEFFNome;Celular;E-mail;Etiquetas',
  'Joana Importada;(11) 98800-1001;joana@exemplo.com.br;VIP',
  '"Pedro; o da loja";11 98800-1002;;Atacado, VIP',
  'Sem Número;123;;',
  'Joana de novo;(11) 8800-1001;;',
].join('\r\n');

describe('contacts CSV import in the browser', () => {
  for (const viewport of [
    { width: 1366, height: 768, name: 'desktop' },
    { width: 390, height: 844, name: 'phone' },
  ]) {
    it(`imports a small CSV through the page and shows the report (${viewport.name})`, async () => {
      const context = await browser.newContext({ viewport, locale: 'pt-BR' });
      const page = await context.newPage();
      await login(page, demoAdmin.email, demoAdmin.password);
      await page.goto(`${baseUrl}/contacts`);
      await page.getByTestId('contacts-import').click();
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'clientes.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });

      const preview = page.getByTestId('import-preview');
      await preview.waitFor();
      expect(await preview.textContent()).toContain('Pedro; o da loja');
      // the headers were recognised: Celular → Telefone, Etiquetas → Etiquetas
      expect(await page.getByTestId('import-map-Celular').inputValue()).toBe('Telefone');
      await screenshot(page, `contacts-import-mapping-${viewport.name}`);

      await page.getByTestId('import-start').click();
      await page.getByTestId('import-result').waitFor({ timeout: 30_000 });
      const count = async (key: string) => Number(await page.getByTestId(`import-count-${key}`).textContent());
      // the second run finds the two contacts of the first: updated, not created
      expect({ created: await count('created'), updated: await count('updated') }).toEqual(
        viewport.name === 'desktop' ? { created: 2, updated: 0 } : { created: 0, updated: 2 },
      );
      expect(await count('duplicates')).toBe(1);
      expect(await count('rejected')).toBe(1);
      await screenshot(page, `contacts-import-result-${viewport.name}`);

      const href = await page.getByTestId('import-report').getAttribute('href');
      const report = await page.request.get(`${baseUrl}${href}`);
      expect(report.status()).toBe(200);
      const lines = (await report.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe('Nome;Celular;E-mail;Etiquetas;linha;motivo');
      expect(lines).toContain('Sem Número;123;;;4;Telefone inválido: 123');
      expect(lines).toContain('Joana de novo;(11) 8800-1001;;;5;Número repetido no arquivo (já na linha 2)');
      await context.close();
    });
  }
});
