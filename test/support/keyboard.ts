import type { Page } from "playwright-core";

// Driving a page with the keyboard alone, as someone who cannot use a mouse:
// Tab moves the focus until it reaches the control wanted (which proves the
// control can be reached, in a sensible order), then keys act on it.

const MAX_TABS = 150;

/** What has the focus, described the way the tests name controls. */
async function focused(page: Page): Promise<{ label: string; tag: string; id: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return { label: "", tag: "", id: "" };
    const labelled = element.id ? document.querySelector(`label[for="${CSS.escape(element.id)}"]`) : null;
    const label = (labelled?.textContent ?? element.getAttribute("aria-label") ?? element.textContent ?? "")
      .replace(/\s+/g, " ")
      .trim();
    return { label, tag: element.tagName.toLowerCase(), id: element.id };
  });
}

/** Presses Tab until the focused control's label or text matches; fails if it never does. */
export async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  const matches = (label: string) => (typeof name === "string" ? label === name : name.test(label));
  const seen: string[] = [];
  for (let step = 0; step < MAX_TABS; step += 1) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (matches(now.label)) return;
    seen.push(`${now.tag}#${now.id}:${now.label.slice(0, 40)}`);
  }
  throw new Error(
    `Tab never reached "${String(name)}"; focus went through: ${seen.slice(0, 60).join(" | ")}`,
  );
}

/** Tabs to a text field and types into it (replacing what it held). */
export async function typeInto(page: Page, label: string | RegExp, text: string): Promise<void> {
  await tabTo(page, label);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(text);
}

/** Tabs to a link or button and presses Enter, waiting for the page it leads to. */
export async function activate(page: Page, label: string | RegExp): Promise<void> {
  await tabTo(page, label);
  const navigated = page.waitForEvent("framenavigated", { predicate: (frame) => frame === page.mainFrame() });
  await page.keyboard.press("Enter");
  await navigated;
  await page.waitForLoadState("load");
}

/** Tabs to a file input, opens it with Space and chooses the files, as a keyboard user would. */
export async function chooseFiles(page: Page, label: string | RegExp, files: string[]): Promise<void> {
  // Chromium opens a file chooser only for the window that has the focus:
  // another page of the same browser, opened and closed before, may hold it.
  await page.bringToFront();
  await tabTo(page, label);
  // Space opens the chooser; on a loaded machine Chromium now and then lets
  // that press pass without opening it (the window not yet active again), and
  // the user presses again: Enter opens it too.
  for (const key of ["Space", "Enter", "Space"]) {
    const opened = page.waitForEvent("filechooser", { timeout: 10_000 }).catch(() => null);
    await page.keyboard.press(key);
    const chooser = await opened;
    if (chooser) return chooser.setFiles(files);
    await page.bringToFront();
  }
  throw new Error(`the file input "${String(label)}" never opened its chooser to Space or Enter`);
}

/**
 * Chooses a radio as a keyboard user does: Tab into the first group that
 * offers the option (Tab stops once per group), then arrow keys to it.
 */
export async function chooseRadio(page: Page, option: string): Promise<void> {
  for (let step = 0; step < MAX_TABS; step += 1) {
    await page.keyboard.press("Tab");
    const group = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      if (element?.type !== "radio") return null;
      const labelOf = (radio: Element) =>
        (document.querySelector(`label[for="${CSS.escape(radio.id)}"]`)?.textContent ?? "").trim();
      const radios = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(element.name)}"]`)];
      return { labels: radios.map(labelOf), current: labelOf(element) };
    });
    if (!group?.labels.includes(option)) continue;
    let current = group.current;
    for (let move = 0; move <= group.labels.length && current !== option; move += 1) {
      await page.keyboard.press("ArrowDown");
      current = (await focused(page)).label;
    }
    await page.keyboard.press("Space");
    return;
  }
  throw new Error(`Tab never reached a group of radios offering "${option}"`);
}
