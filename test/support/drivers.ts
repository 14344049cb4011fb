import type { Page } from "playwright-core";
import { activate, chooseFiles, chooseRadio, typeInto } from "./keyboard.ts";

// One journey, two ways of driving it: with a pointer (Playwright's clicks and
// fills, as most people use the app) and with the keyboard alone (Tab, type,
// Space, Enter, arrows), which proves every step can be done without a mouse.

export interface Driver {
  name: string;
  fill(label: string, text: string): Promise<void>;
  /** Presses a button or follows a link, and waits for the next page. */
  press(name: string | RegExp): Promise<void>;
  /** Chooses one radio of a group whose options include `option`; the first group on the page with it. */
  choose(option: string): Promise<void>;
  upload(label: string, files: string[]): Promise<void>;
}

export function pointerDriver(page: Page): Driver {
  return {
    name: "pointer",
    fill: (label, text) => page.getByLabel(label, { exact: true }).fill(text),
    async press(name) {
      const target = page.getByRole("button", { name }).or(page.getByRole("link", { name })).first();
      await target.click();
      // The letter preview's frame loads after the page: let the layout settle before the next click.
      await page.waitForLoadState("networkidle");
    },
    async choose(option) {
      const radio = page.getByLabel(option, { exact: true }).first();
      await radio.scrollIntoViewIfNeeded();
      // The sandboxed preview frame is composited apart: after a scroll,
      // Chromium can route a click to the frame's old place until it has painted.
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      await radio.check();
    },
    upload: (label, files) => page.getByLabel(label, { exact: true }).setInputFiles(files),
  };
}

export function keyboardDriver(page: Page): Driver {
  return {
    name: "keyboard",
    async fill(label, text) {
      await page.keyboard.press("Escape");
      await restartTabbing(page);
      await typeInto(page, label, text);
    },
    async press(name) {
      await restartTabbing(page);
      await activate(page, name);
    },
    async choose(option) {
      await restartTabbing(page);
      await chooseRadio(page, option);
    },
    async upload(label, files) {
      await restartTabbing(page);
      await chooseFiles(page, label, files);
    },
  };
}

/** Tabbing starts again from the top of the page, as after loading it. */
async function restartTabbing(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.getSelection()?.removeAllRanges();
    document.body.focus();
  });
}
