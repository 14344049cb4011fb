import { describe, expect, it } from "vitest";
import { canonical } from "../../src/store/audit.ts";
import { aLetter } from "../support/letter-factory.ts";

// The audit chain and every letter's content hash are made from canonical():
// a faster hand-written form must give the very same text as the sorting
// JSON.stringify it replaced, or hashes already in a database stop verifying.

const reference = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );

const VALUES: unknown[] = [
  null,
  0,
  -0,
  1.5e21,
  Number.NaN,
  'tab\tquote" é ✓ 😀 \u2028',
  true,
  [],
  {},
  [1, undefined, null, () => 1, "x"],
  { b: 1, a: 2, "10": 3, "2": 4, "01": 5, "-1": 6, "4294967295": 7, "4294967294": 8, Z: 9, _: 10 },
  { nested: { z: [{ y: 1, x: undefined }, new Date("2020-10-13T08:00:00Z")], a: null } },
  { state: "draft", version: 1, contentHash: "abc", fields: { name: "Ann", address_line_1: "1 Road" } },
  aLetter(),
];

describe("canonical", () => {
  it.each(VALUES.map((value, index) => [index, value]))(
    "writes value %i as the sorting JSON.stringify did",
    (_i, value) => {
      expect(canonical(value)).toBe(reference(value));
    },
  );
});
