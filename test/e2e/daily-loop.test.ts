import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { simpleParser } from "mailparser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWorkingDays } from "../../src/campaigns/deadlines/working-days.ts";
import { today } from "../../src/campaigns/deadlines/iso-date.ts";
import { axeViolations, CHROMIUM_REASON, launchBrowser, newPage, NO_CHROMIUM } from "../support/browser.ts";
import { freshDatabase, type TestDatabase } from "../support/databases.ts";
import { pointerDriver, type Driver } from "../support/drivers.ts";
import { tempDir } from "../support/render-cli.ts";
import { startSmtpRecorder, type SmtpRecorder } from "../support/smtp-recorder.ts";
import { PASSWORD, ROLE_EMAILS, startTestApp, type TestApp } from "../support/web-app.ts";

// Issue 15: the loop an office runs every day, in Chromium, on a campaign
// made in the browser: written, its recipients imported (with mistakes, then
// corrected), approved and sent together; a mail set-up that cannot work
// (the server offers no STARTTLS, which the settings require) leaves every
// letter approved with the reason; fixed and restarted, the letters go, one
// is refused (550), its address corrected and sent again; a reply; an item
// already public, set without a reply; overdue; chasers drafted, approved and
// sent in the letter's thread; a letter withdrawn; the status exported and
// opened with exceljs; published, with the staff note on no public page.

const NOTE = "Ann found it on their website on Monday";
const CAMPAIGN = "housing-2026";

const BROKEN = [
  "id,name,title,organisation,address_line_1,address_line_2,postcode,salutation,email",
  "lewes,Robin Clerk,Chief Executive,Lewes District Council,Southover House,Lewes,XYZ 123,Dear Robin Clerk,ceo@lewes.example",
  "wealden,,,Wealden District Council,Vicarage Lane,Hailsham,BN27 2AX,Dear Chief Executive,ceo@wealden.example",
  "rother,Sam Officer,Chief Executive,Rother District Council,Town Hall,Bexhill,TN39 3JX,Dear Sam Officer,ceo@rother.example",
].join("\n");
const FIXED = BROKEN.replace("XYZ 123", "BN7 1AB").replace(
  "wealden,,,",
  "wealden,Kim Leader,Chief Executive,",
);

describe.skipIf(NO_CHROMIUM)(
  `the daily loop in Chromium${NO_CHROMIUM ? ` (${CHROMIUM_REASON})` : ""}`,
  () => {
    let browser: Browser;
    let recorder: SmtpRecorder;
    let database: TestDatabase;
    let test: TestApp | undefined;
    let page: Page;
    let drive: Driver;
    const violations: Record<string, unknown> = {};
    const check = async (what: string) => {
      const found = await axeViolations(page);
      if (found.length > 0) violations[what] = found;
    };
    const banner = () => page.locator(".govuk-notification-banner").textContent();
    const main = async () => (await page.locator("main").textContent()) ?? "";
    const board = () => page.goto(`${test?.base}/manage/campaigns/${CAMPAIGN}`);

    /** A server on the one database, with these mail settings; the browser signs in to it. */
    async function serve(smtpSecurity: string): Promise<void> {
      await test?.app.close();
      await test?.services.close();
      test = await startTestApp("pglite", {
        // Shared by both servers and dropped at the end: closing one server keeps it.
        database: { ...database, drop: async () => {} },
        usersExist: test !== undefined,
        env: {
          POSTBAG_SMTP_HOST: "127.0.0.1",
          POSTBAG_SMTP_PORT: String(recorder.port),
          POSTBAG_SMTP_SECURITY: smtpSecurity,
          POSTBAG_MAIL_FROM: "Housing team <office@postbag.example>",
        },
      });
      await page.goto(`${test.base}/manage`);
      // Sessions live in the database: after a restart the browser is still signed in.
      if ((await page.locator("h1").textContent()) === "Sign in to Postbag") {
        await drive.fill("Email address", ROLE_EMAILS.admin);
        await drive.fill("Password", PASSWORD);
        await drive.press("Sign in");
      }
      expect(await page.locator("h1").textContent()).toBe("Campaigns");
    }

    /** Ticks every letter on the board (the "select all" box) and presses one of the two buttons. */
    async function selectAllAnd(button: string): Promise<void> {
      await board();
      await page.getByLabel(/^Select all \d+ letters shown$/).check();
      await drive.press(button);
    }

    /** What `postbag serve` does between requests: the queue worked until nothing is on its way. */
    const work = () => test!.services.runSendWorker({ campaign: CAMPAIGN });

    beforeAll(async () => {
      browser = await launchBrowser();
      recorder = await startSmtpRecorder();
      database = await freshDatabase("pglite");
      page = await newPage(browser);
      drive = pointerDriver(page);
    });
    afterAll(async () => {
      await page?.context().close();
      await browser?.close();
      await test?.app.close();
      await test?.services.close();
      await database?.drop();
      await recorder?.close();
    });

    it("sets a campaign up in the browser: letter, chaser, recipients (wrong, then right)", async () => {
      await serve("starttls");
      await page.goto(`${test!.base}/manage/campaigns/new`);
      await drive.fill("Campaign id", CAMPAIGN);
      await drive.fill("Title", "Temporary accommodation");
      await drive.fill("Date of the letters", today());
      await drive.fill("Sender's name", "Alex Office");
      await drive.fill("Sender's address", "1 Office Street\nLewes\nBN7 2AA");
      await drive.fill("Signatory's name", "Alex Office");
      await drive.fill("Signatory's role", "Head of Research");
      await drive.fill(
        "Requested items (optional)",
        "strategy: Homelessness strategy\nspend: Spending on temporary accommodation",
      );
      await drive.press("Create the campaign");
      expect(await banner()).toMatch(/Campaign created/);
      await check("new campaign's board");

      await drive.press("Edit the letter");
      await drive.fill(
        "The letter (letter.md)",
        "Please send us your ((organisation)) homelessness strategy, set out in [our guidance](https://www.example.org/guidance).\n",
      );
      await drive.press("Save");
      expect(await banner()).toMatch(/Letter saved/);

      await board();
      await drive.press("Edit the chaser");
      await check("chaser template");
      await drive.fill(
        "The chaser (chaser.md)",
        "We wrote on ((original date)) and have not yet received ((outstanding items)). Please reply by ((reply by)).\n",
      );
      await drive.press("Save");
      expect(await banner()).toMatch(/Chaser saved/);

      const dir = tempDir("postbag-loop-");
      writeFileSync(join(dir, "broken.csv"), BROKEN);
      writeFileSync(join(dir, "recipients.csv"), FIXED);
      await board();
      await drive.press("Recipients");
      await drive.upload("Recipients file (.csv or .xlsx)", [join(dir, "broken.csv")]);
      await drive.press("Import the recipients");
      const errors = (await page.locator(".govuk-error-summary").textContent()) ?? "";
      expect(errors).toMatch(/line 2, column postcode/);
      expect(errors).toMatch(/line 3/);
      await check("recipients with errors");
      await drive.upload("Recipients file (.csv or .xlsx)", [join(dir, "recipients.csv")]);
      await drive.press("Import the recipients");
      // The starter row went with the real list.
      expect(await banner()).toMatch(
        /no longer in the file removed, with their unsent letters: example-council/,
      );
      await board();
      expect(await main()).not.toContain("Alex Example");
      expect(await main()).toContain("Wealden District Council");
    }, 120_000);

    it("approves all three together, and a mail set-up that cannot work leaves them approved with the reason", async () => {
      await selectAllAnd("Approve selected");
      expect(await page.locator("h1").textContent()).toBe("Approve 3 letters?");
      await check("approve confirmation");
      await drive.press("Approve 3 letters");
      expect(await banner()).toMatch(/3 letters approved/);

      await selectAllAnd("Send selected by email");
      expect(await page.locator("h1").textContent()).toBe("Send 3 letters by email?");
      await check("send confirmation");
      await drive.press("Send 3 letters by email");
      expect(await banner()).toMatch(/3 letters queued/);
      await work();
      expect(recorder.messages).toHaveLength(0);
      const status = await test!.services.campaignStatus({ campaign: CAMPAIGN, asOf: today() });
      expect(status.letters.map((letter) => letter.state)).toEqual(["approved", "approved", "approved"]);
      await page.goto(`${test!.base}/manage/campaigns/${CAMPAIGN}/letters/lewes`);
      expect(await page.locator("#send-problem").textContent()).toMatch(
        /The letter was not sent: .*STARTTLS/i,
      );
    }, 120_000);

    it("sends once the settings are fixed; a refused address is corrected and sent again", async () => {
      recorder.refuse("ceo@rother.example");
      await serve("none");
      await selectAllAnd("Send selected by email");
      await drive.press("Send 3 letters by email");
      await work();
      expect(recorder.messages.map((message) => message.to[0])).toEqual([
        "ceo@lewes.example",
        "ceo@wealden.example",
      ]);
      await board();
      expect(await page.locator("#send-problems").textContent()).toMatch(/Sam Officer.*550/s);

      await page.goto(`${test!.base}/manage/campaigns/${CAMPAIGN}/recipients/rother`);
      await drive.fill("email", "chief.executive@rother.example");
      await drive.press("Save");
      await page.goto(`${test!.base}/manage/campaigns/${CAMPAIGN}/letters/rother`);
      await drive.press("Send by email again");
      await work();
      expect(recorder.messages.at(-1)?.to).toEqual(["chief.executive@rother.example"]);
      // The printed letter (the attached PDF) gives the guidance's address; the email's text keeps the link.
      const [first] = await Promise.all([simpleParser(recorder.messages[0]!.raw)]);
      expect(first?.html).toContain('href="https://www.example.org/guidance"');
    }, 120_000);

    it("records a reply, and an item already public without one, its note for staff only", async () => {
      await page.goto(`${test!.base}/manage/campaigns/${CAMPAIGN}/letters/lewes`);
      await drive.fill("Date it was received", today());
      await drive.choose("Email");
      await drive.press("Record the reply");
      expect(await banner()).toMatch(/reply/i);

      await board();
      await page.getByRole("link", { name: "Change Homelessness strategy for Kim Leader" }).click();
      await drive.choose("Already public, at the web address below");
      await drive.fill("Web address, if already public", "https://www.wealden.example/strategy.pdf");
      await drive.fill("Note for staff (optional)", NOTE);
      await drive.press("Change the item");
      expect(await main()).toContain(`Note: ${NOTE}`);
      await check("letter after an item changed");
    }, 120_000);

    it("drafts chasers once overdue, approves one and sends it in its letter's thread", async () => {
      const overdue = addWorkingDays({ from: today(), workingDays: 21, nation: "england" }).due;
      await page.goto(`${test!.base}/manage/campaigns/${CAMPAIGN}/chasers`);
      await page.getByText("Count deadlines as of another day").click();
      await drive.fill("Count deadlines as of (optional)", overdue);
      await drive.press("Draft chasers for overdue letters");
      // Lewes replied: Wealden (one item still asked for) and Rother get one.
      expect(await banner()).toMatch(/2 chasers drafted/);
      await check("chasers");
      await page.goto(`${test!.base}/manage/campaigns/${CAMPAIGN}/chasers/rother`);
      await drive.press("Approve this chaser");
      await drive.press("Send by email");
      await work();
      const [letter, chaser] = await Promise.all(
        recorder.messages
          .filter((message) => message.to[0] === "chief.executive@rother.example")
          .map((message) => simpleParser(message.raw)),
      );
      expect(chaser?.inReplyTo).toBe(letter?.messageId);
      expect(chaser?.replyTo?.text).toBe(letter?.replyTo?.text);
      expect(chaser?.text).toContain(
        "have not yet received Homelessness strategy and Spending on temporary accommodation",
      );
      // Due no earlier than the date it printed, counted from the day it was drafted for.
      const sent = await test!.services.letterDetail({
        campaign: CAMPAIGN,
        recipient: "rother",
        kind: "chaser",
        asOf: today(),
      });
      expect(sent.letter.dueOn).toBe(
        addWorkingDays({ from: overdue, workingDays: 10, nation: "england" }).due,
      );
      await check("chaser sent");
    }, 120_000);

    it("withdraws a letter with a reason, exports the board, and publishes without the staff note", async () => {
      await page.goto(`${test!.base}/manage/campaigns/${CAMPAIGN}/letters/wealden`);
      await page.getByText("Withdraw this letter").first().click();
      await drive.fill("Why is it withdrawn?", "The council merged into a unitary authority.");
      await drive.press("Withdraw this letter");
      expect(await page.locator("#withdrawn-reason").textContent()).toBe(
        "The council merged into a unitary authority.",
      );

      await board();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Excel (XLSX)" }).click(),
      ]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await download.path()) ?? "");
      const sheet = workbook.worksheets[0];
      const states = (sheet?.getColumn(1).values ?? []).slice(2).map(String);
      expect(states).toHaveLength(3);
      expect(JSON.stringify(sheet?.getSheetValues())).toContain("withdrawn");

      await drive.press("Publish campaign");
      const publicPaths = [
        `/campaigns/${CAMPAIGN}`,
        `/campaigns/${CAMPAIGN}/index.json`,
        `/campaigns/${CAMPAIGN}/feed.atom`,
        "/feed.atom",
        `/search?q=website`,
      ];
      for (const path of publicPaths) {
        const response = await page.request.get(`${test!.base}${path}`);
        expect(response.status(), path).toBe(200);
        expect(await response.text(), path).not.toContain(NOTE);
      }
      expect(violations).toEqual({});
    }, 120_000);
  },
);
