import {
  parseItemUpdate,
  type ItemUpdate,
  type ReplyFileBytes,
} from "../../../campaigns/records/record-reply.ts";
import { isPostbagError } from "../../../errors.ts";
import { textField, uploadedFiles } from "../../forms/form-body.ts";
import type { FieldError } from "../../forms/form-errors.ts";
import { dateProblem } from "./date-field.ts";
import { REPLY_CHANNELS } from "./reply-fields.ts";

// The "record a reply" form: its fields, and the form as the use case's options.
// Item fields go by position (item-0, url-0…) with the item's id in a hidden
// field, because a request's id in campaign.yaml may be any text, and an HTML
// id with spaces could not be linked to from the error summary.

type Body = Record<string, unknown>;

export interface ReplyInput {
  on: string;
  channel: string;
  sender: string;
  text: string;
  files: ReplyFileBytes[];
  items: ItemUpdate[];
}

export function parseReplyForm(body: Body, itemCount: number, titles: Map<string, string>) {
  const errors: FieldError[] = [];
  const on = textField(body, "received-on").trim();
  errors.push(...dateProblem(on, "received-on", "the reply was received"));
  const channel = textField(body, "channel");
  if (!REPLY_CHANNELS.some((choice) => choice.value === channel)) {
    errors.push({ field: "channel", message: "Choose how the reply came" });
  }
  const items: ItemUpdate[] = [];
  for (let index = 0; index < itemCount; index++) {
    const id = textField(body, `item-${index}-id`);
    const state = textField(body, `item-${index}`);
    if (!id || !state) continue;
    const title = titles.get(id) ?? id;
    const url = textField(body, `url-${index}`).trim();
    if (state === "public" && !url) {
      errors.push({ field: `url-${index}`, message: `Enter the web address where ${title} is published` });
      continue;
    }
    try {
      items.push(parseItemUpdate(state === "public" ? `${id}=public:${url}` : `${id}=${state}`));
    } catch (error) {
      if (!isPostbagError(error)) throw error;
      const field = state === "public" ? `url-${index}` : `item-${index}`;
      const message =
        state === "public"
          ? `Enter the web address of ${title} starting with https:// or http://`
          : `Choose what the reply says of ${title}`;
      errors.push({ field, message });
    }
  }
  const files = uploadedFiles(body, "files").map((file) => ({
    name: baseName(file.fileName),
    bytes: file.bytes,
  }));
  const sender = textField(body, "sender").trim();
  const text = textField(body, "text").trim();
  return { errors, reply: { on, channel, sender, text, files, items } satisfies ReplyInput };
}

/** Some browsers send the whole path of a chosen file; only its name is kept. */
function baseName(name: string): string {
  return (name.split(/[\\/]/).at(-1) ?? "").trim().slice(0, 200) || "file";
}
