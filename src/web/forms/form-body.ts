/** A file from a multipart form, read in full (uploads are size-limited). */
export interface UploadedFile {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

type Body = Record<string, unknown> | undefined | null;

function isFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && "bytes" in value && "fileName" in value;
}

/** A text field (the last one if the form sent several); "" when absent. */
export function textField(body: Body, name: string): string {
  const value: unknown = body?.[name];
  const last: unknown = Array.isArray(value) ? (value as unknown[]).at(-1) : value;
  return typeof last === "string" ? last : "";
}

/** Every value of a repeated text field (checkboxes, repeated inputs). */
export function textFields(body: Body, name: string): string[] {
  const value = body?.[name];
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === "string");
}

/** The text fields of a form, files left out. */
export function textFieldsOf(body: Body): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of Object.keys(body ?? {})) if (name !== "_csrf") fields[name] = textField(body, name);
  return Object.fromEntries(Object.entries(fields).filter(([name]) => textFields(body, name).length > 0));
}

/** The files chosen in a file input; a browser sends an empty part when none was. */
export function uploadedFiles(body: Body, name: string): UploadedFile[] {
  const value = body?.[name];
  return (Array.isArray(value) ? value : [value]).filter(
    (item): item is UploadedFile => isFile(item) && item.fileName !== "" && item.bytes.length > 0,
  );
}
