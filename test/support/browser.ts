import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";
import { missingOutsideCi } from "./tools.ts";

// A real browser for end-to-end tests: Debian's Chromium driven by
// playwright-core (installed by .ci/run), with axe-core for accessibility.

export const CHROMIUM = "/usr/bin/chromium";
export const NO_CHROMIUM = missingOutsideCi("chromium");
export const CHROMIUM_REASON = "needs Chromium (Debian: chromium; .ci/run installs it)";

// This machine has no network: keep Chromium from trying to reach one.
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/**
 * A page in a fresh context (its own cookies). axe-core is injected as a
 * script, which the app's CSP (no inline script) would block, so the test
 * context bypasses CSP; tests of the CSP itself read the header instead.
 */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ bypassCSP: true });
  return context.newPage();
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The page's WCAG 2.2 AA violations, as axe-core finds them. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as { axe: { run(options: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run({ runOnly: { type: "tag", values: tags } });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((node) => ({ target: node.target })),
    }));
  }, WCAG_22_AA);
}
