import type { XlsxReadOptions } from "exceljs";

/**
 * How exceljs reads a workbook someone sent: without its data validations,
 * which Postbag never uses and exceljs spreads over every cell of their
 * range, so a rule on whole columns (A1:XFD1048576) never finishes loading
 * (exceljs' issue 1842, whose test workbook is in the publication checks' corpus).
 */
export const XLSX_TEXT_ONLY: Partial<XlsxReadOptions> = { ignoreNodes: ["dataValidations"] };
