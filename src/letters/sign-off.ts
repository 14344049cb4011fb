// A letter to no named person signs off "Yours faithfully"; any other
// "Yours sincerely". A `sign_off` value overrides both.
const TO_NO_NAMED_PERSON = new Set([
  "dear sir or madam",
  "dear sir",
  "dear madam",
  "dear sirs",
  "dear madam or sir",
]);

export function signOffFor(salutation: string, override = ""): string {
  if (override.trim()) return override.trim().replace(/,$/, "");
  const greeting = salutation.trim().replace(/[,.]$/, "").replace(/\s+/g, " ").toLowerCase();
  return TO_NO_NAMED_PERSON.has(greeting) ? "Yours faithfully" : "Yours sincerely";
}
