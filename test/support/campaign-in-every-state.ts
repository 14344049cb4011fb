import { readFileSync } from "node:fs";
import { join } from "node:path";
import { documentsOf, recordReplyTo, sendLetters } from "./publishing-factory.ts";
import { ROLE_EMAILS, type TestApp } from "./web-app.ts";

// The demo campaign taken through every state a page can show, with the real
// use cases: every letter sent; a reply from sussex with two documents, one
// with personal data redacted and a finding still open; chasers drafted for
// the letters left unanswered; a message nobody could match waiting in the
// inbox; and the campaign published. The page sweeps visit every route with
// these ids, so each page is checked as a user would see it.

export interface EveryState {
  /** The recipient whose letter has a reply with documents. */
  replied: string;
  /** Its document with a redaction and an open finding. */
  document: number;
  /** A recipient with a drafted chaser. */
  chased: string;
  /** An organisation of the directory, and one of its contacts. */
  organisation: number;
  contact: number;
}

const MAIL = join(import.meta.dirname, "..", "fixtures", "mail");

export async function campaignInEveryState(test: TestApp): Promise<EveryState> {
  const { services, campaign } = test;
  await sendLetters(services, campaign);
  const replied = "sussex";
  await recordReplyTo(services, campaign, {
    recipient: replied,
    text: "Our needs assessment was published last year.\n\nThe response strategy follows.",
    files: [
      { name: "strategy.txt", bytes: Buffer.from("The response strategy covers modern slavery.\n") },
      {
        name: "contact.txt",
        bytes: Buffer.from("For questions call Jo Bloggs on 07700 900123 or jo.bloggs@example.org.\n"),
      },
    ],
    items: [{ itemId: "needs-assessment", state: "received" }],
  });
  const contactFile = (await documentsOf(services, campaign, replied)).get("contact.txt");
  if (!contactFile) throw new Error("the reply's contact.txt was not stored");
  await services.addRedaction({
    campaign,
    document: contactFile.id,
    redaction: { kind: "pattern", pattern: "phone" },
    reason: "a person's mobile number",
    actor: ROLE_EMAILS.approver,
  });
  const review = (await documentsOf(services, campaign, replied)).get("contact.txt");
  if (!review?.findings.some((finding) => finding.current && !finding.resolvedAt)) {
    throw new Error("contact.txt should still have an open finding (the email address)");
  }

  const { chasers } = await services.chaseLetters({
    campaign,
    asOf: "2020-12-01",
    actor: ROLE_EMAILS.editor,
  });
  const chased = chasers[0]?.recipient;
  if (!chased) throw new Error("no chaser was drafted");

  const unmatched = readFileSync(join(MAIL, "04-unrelated.eml"));
  const received = await services.receiveMessage({ raw: unmatched, source: "eml" });
  if (received.state !== "held") throw new Error(`04-unrelated.eml was ${received.state}, not held`);

  await services.setPublication({
    target: { entity: "campaign", campaign },
    published: true,
    actor: ROLE_EMAILS.approver,
  });

  const body = (await services.listOrganisations()).find((entry) => entry.contacts.length > 0);
  if (!body?.contacts[0]) throw new Error("the directory has no organisation with a contact");
  return { replied, document: contactFile.id, chased, organisation: body.id, contact: body.contacts[0].id };
}
