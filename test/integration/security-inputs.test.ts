import { afterAll, beforeAll, expect, it } from "vitest";
import { describeOnEachDatabase } from "../support/databases.ts";
import { streamedUpload } from "../support/raw-http.ts";
import { startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Hostile or merely large input, sent to the running app: each is answered
// with a clear refusal before the work it would cause, and the public site
// keeps answering meanwhile.

const MB = 1024 * 1024;

/** How long the public home page takes to answer, in milliseconds. */
async function publicAnswerTime(base: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}/`);
  await response.text();
  expect(response.status).toBe(200);
  return performance.now() - started;
}

describeOnEachDatabase("hostile request bodies", (kind) => {
  let test: TestApp;
  let editor: WebClient;
  let cookie: string;
  let recipients: string;
  beforeAll(async () => {
    test = await startTestApp(kind);
    editor = await WebClient.signedIn(test.base, "editor");
    cookie = `postbag_session=${editor.cookie("postbag_session")}`;
    recipients = `/manage/campaigns/${test.campaign}/recipients`;
  }, 120_000);
  afterAll(() => test?.close());

  it("refuses anonymous uploads of 380 MB at once, without reading them, while the public site answers", async () => {
    const before = process.memoryUsage().rss;
    const uploads = [1, 2, 3, 4].map(() => streamedUpload(test.base, recipients, 380 * MB));
    const publicTimes = [await publicAnswerTime(test.base), await publicAnswerTime(test.base)];
    const answers = await Promise.all(uploads);
    for (const answer of answers) {
      // Sent to sign in, or cut off: never read.
      expect([0, 303]).toContain(answer.status);
      expect(answer.milliseconds).toBeLessThan(10_000);
    }
    expect(Math.max(...publicTimes)).toBeLessThan(1000);
    // 1.5 GB were offered; far less than one of them was kept.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
  }, 60_000);

  it("refuses a signed-in upload larger than the route takes, by its declared length, before reading it", async () => {
    const answer = await streamedUpload(test.base, recipients, 380 * MB, { headers: { cookie } });
    expect([answer.status, answer.milliseconds < 10_000]).toEqual([413, true]);
    expect(answer.body).toContain("larger than 21 MB: nothing was read");
  }, 60_000);

  it("refuses a multipart body sent without its length", async () => {
    const answer = await streamedUpload(test.base, recipients, 2 * MB, {
      headers: { cookie },
      contentLength: false,
    });
    expect(answer.status).toBe(411);
    expect(answer.body).toContain("without its length");
  }, 60_000);

  it("refuses a file sent to a form that takes none, and a file over 20 MB", async () => {
    await editor.get(`/manage/campaigns/${test.campaign}/letters/essex`);
    const notAnUpload = await editor.post(`/manage/campaigns/${test.campaign}/letters/essex/sent`, {
      on: "2020-10-14",
      file: new File(["x"], "x.txt"),
    });
    expect(notAnUpload.status).toBe(413);
    expect(notAnUpload.text).toContain("This form takes fewer files (or none): nothing was saved.");
    await editor.get(recipients);
    const tooBig = await editor.post(recipients, {
      file: new File([Buffer.alloc(20 * MB + 1, "a")], "recipients.csv", { type: "text/csv" }),
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.text).toContain("A file is larger than this form takes (20 MB)");
  }, 60_000);
});
