/** Choosing in Ant Design pickers from a browser test. */
import type { Locator, Page } from 'playwright-core';

/**
 * Picks the field of a correction notice's item by typing `search` and clicking the option named `label` (fields are
 * shown by name, never by path). A click made while the picker's list settles can still be swallowed (seen in the whole
 * browser suite after the list was made stable per language; not yet found): it picks again until the choice shows.
 */
export async function pickCorrectionField(page: Page, dialog: Locator, n: number, search: string, label: string) {
  const field = dialog.getByLabel(`字段 ${n}`);
  const chosen = dialog.locator(`.ant-select-content[title="${label}"]`);
  for (let attempt = 0; attempt < 3 && (await chosen.count()) === 0; attempt++) {
    await field.click();
    await field.fill(search);
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .click();
    await chosen.waitFor({ timeout: 3000 }).catch(() => undefined);
  }
  await chosen.waitFor();
}
