// The ways one address can be written so that a check on the text of the
// URL and the router disagree. "same" variants are routed exactly as the
// path written (the router decodes them); "other" variants are not the same
// address, and must never reach a route that needs sign-in without it.

export interface PathVariant {
  name: string;
  path: string;
  routedAsWritten: boolean;
}

const hex = (char: string, lower: boolean) => {
  const code = char.charCodeAt(0).toString(16).padStart(2, "0");
  return `%${lower ? code : code.toUpperCase()}`;
};

function encodeLetters(path: string, which: (index: number) => boolean, lower = false): string {
  let letter = 0;
  return path.replace(/[A-Za-z]/g, (char) => (which(letter++) ? hex(char, lower) : char));
}

/** Every variant of a concrete path (no query string). */
export function pathVariants(path: string): PathVariant[] {
  const [first = "", ...rest] = path.split("/").slice(1);
  const tail = rest.length > 0 ? `/${rest.join("/")}` : "";
  const same = (name: string, variant: string) => ({ name, path: variant, routedAsWritten: true });
  const other = (name: string, variant: string) => ({ name, path: variant, routedAsWritten: false });
  return [
    same(
      "first letter encoded",
      encodeLetters(path, (index) => index === 0),
    ),
    same(
      "every letter encoded",
      encodeLetters(path, () => true),
    ),
    same(
      "every letter encoded, lower-case hex",
      encodeLetters(path, () => true, true),
    ),
    same(
      "every other letter encoded",
      encodeLetters(path, (index) => index % 2 === 1),
    ),
    other("every slash encoded", `/${path.slice(1).replaceAll("/", "%2F")}`),
    other("every slash encoded, lower-case", `/${path.slice(1).replaceAll("/", "%2f")}`),
    other("doubled slashes", path.replaceAll("/", "//")),
    other("leading doubled slash", `/${path}`),
    other("trailing slash", `${path}/`),
    other("dot-dot segment", `/${first}/x/..${tail}`),
    other("encoded dot-dot segment", `/${first}/x/%2e%2e${tail}`),
    other("dot segment", `/${first}/.${tail}`),
    other("mixed case", `/${first.toUpperCase()}${tail}`),
    other("encoded mixed case", `/${encodeLetters(first.toUpperCase(), () => true)}${tail}`),
  ];
}
