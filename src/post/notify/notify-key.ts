import { PostbagError } from "../../errors.ts";

// A GOV.UK Notify API key is "{key_name}-{service_id}-{secret}": the service
// id and the secret are both UUIDs (36 characters), the name is whatever the
// service called the key. Notify's REST API documentation, "Authorisation
// header" (alphagov/notifications-tech-docs, source/documentation/_api_docs.md).

export interface NotifyKey {
  keyName: string;
  /** The JWT's `iss`. */
  serviceId: string;
  /** Signs the JWT; never printed. */
  secret: string;
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const KEY = new RegExp(`^(.+)-(${UUID})-(${UUID})$`, "i");

export function parseNotifyKey(apiKey: string): NotifyKey {
  const match = KEY.exec(apiKey.trim());
  if (!match) {
    // The message describes the key's shape only: it never repeats any of the key.
    throw new PostbagError(
      "bad_input",
      "environment variable POSTBAG_NOTIFY_API_KEY: not a GOV.UK Notify API key " +
        `(expected {key name}-{service id}-{secret}, the last two 36-character UUIDs; ` +
        `copy the whole key from Notify's API integration page)`,
    );
  }
  const [, keyName = "", serviceId = "", secret = ""] = match;
  return { keyName, serviceId: serviceId.toLowerCase(), secret };
}
