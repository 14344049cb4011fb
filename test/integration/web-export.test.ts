import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { startTestApp, WebClient, type TestApp } from "../support/web-app.ts";

// Issue 15: the board's status table downloaded as CSV and XLSX, for a
// campaign whose title Excel would refuse as a sheet's name (it crashed
// `postbag export --format xlsx`).

const TITLE = "VRUs: strategies [2020] / priorities? *draft*";

describe("web: the board's status exported", () => {
  let test: TestApp;
  let viewer: WebClient;

  beforeAll(async () => {
    test = await startTestApp("pglite", {
      editCampaign(dir) {
        const file = join(dir, "campaign.yaml");
        writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, `title: "${TITLE}"`));
      },
    });
    viewer = await WebClient.signedIn(test.base, "viewer");
  }, 120_000);
  afterAll(() => test?.close());

  it("links both files from the board", async () => {
    const board = await viewer.get(`/manage/campaigns/${test.campaign}`);
    expect(board.status).toBe(200);
    expect(board.text).toContain(`href="/manage/campaigns/${test.campaign}/status.csv"`);
    expect(board.text).toContain(`href="/manage/campaigns/${test.campaign}/status.xlsx"`);
  });

  it("downloads the CSV, one row per letter", async () => {
    const { response, bytes } = await viewer.getBytes(`/manage/campaigns/${test.campaign}/status.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="${test.campaign}-status-\\d{4}-\\d{2}-\\d{2}\\.csv"`),
    );
    const lines = bytes.toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^recipient,name,state,sent,due,overdue,very_overdue,/);
    expect(lines).toHaveLength(6);
  });

  it("downloads an XLSX that Excel opens, its sheet named from the title without the characters Excel refuses", async () => {
    const { response, bytes } = await viewer.getBytes(`/manage/campaigns/${test.campaign}/status.xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("VRUs strategies 2020 priorities");
    expect(sheet.getRow(1).getCell(1).value).toBe("recipient");
    expect(sheet.rowCount).toBe(6);
  });

  it("is for signed-in staff only", async () => {
    const anonymous = await new WebClient(test.base).get(`/manage/campaigns/${test.campaign}/status.xlsx`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toMatch(/^\/sign-in/);
  });
});
