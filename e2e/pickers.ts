/** Choosing in Ant Design pickers from a browser test. */
import type { Locator, Page } from 'playwright-core';

/**
 * Picks the field of a correction notice's item by typing `search` and clicking the option named `label` (fields are
 * shown by name, never by path), once, as a person would: the list does not change under the pointer.
 */
export async function pickCorrectionField(page: Page, dialog: Locator, n: number, search: string, label: string) {
  const field = dialog.getByLabel(`字段 ${n}`);
  await field.click();
  await field.fill(search);
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .click();
  await dialog.locator(`.ant-select-content[title="${label}"]`).waitFor({ timeout: 5000 });
}
