import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { FieldDef, Locale, Procedure } from '../../src/server/catalog/types.ts';

/** A minimal valid PDF: the portal checks the bytes (%PDF- … %%EOF), not the name. */
export function pdfBytes(label = 'test'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<<>>endobj\n% ${label}\ntrailer<<>>\n%%EOF\n`, 'latin1');
}

/** A temporary PDF file on disk for file inputs. */
export function pdfFile(dir: string, name: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdfBytes(name));
  return file;
}

function asString(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : '';
}

/** Fills a procedure's form from its catalog example, the way a person would: by label. */
export async function fillExample(page: Page, procedure: Procedure, locale: Locale, overrides: Record<string, unknown> = {}) {
  const answers = { ...procedure.example, ...overrides };
  for (const field of procedure.fields) {
    const value = answers[field.name];
    if (value === undefined || value === null) continue;
    const input = page.locator(`#f-${field.name}-input`);
    if (!(await isShown(page, field))) continue;
    await fillField(page, field, value, locale, input);
  }
}

async function isShown(page: Page, field: FieldDef): Promise<boolean> {
  const group = page.locator(`#f-${field.name}`);
  return (await group.count()) > 0;
}

async function fillField(page: Page, field: FieldDef, value: unknown, locale: Locale, input: ReturnType<Page['locator']>) {
  switch (field.kind) {
    case 'radios':
      await page.locator(`#f-${field.name} input[value="${asString(value)}"]`).check();
      return;
    case 'checkboxes':
      for (const v of Array.isArray(value) ? value : [value]) await page.locator(`#f-${field.name} input[value="${asString(v)}"]`).check();
      return;
    case 'select':
    case 'agency':
      await input.selectOption(asString(value));
      return;
    default:
      await input.fill(asString(value));
  }
  void locale;
}
