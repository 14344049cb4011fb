// The sender (from a letterhead, in the letters that have one) and the
// signatory (from the lines under the sign-off) for campaign.yaml.

export interface LearnedSender {
  name: string;
  role: string;
  address: string[];
  phone: string;
  email: string;
}

export interface LearnedSignatory {
  name: string;
  role: string;
}

const PHONE = /^(?:Tel(?:ephone)?|Phone|T)\s*[.:]?\s*(\+?[\d\s()-]{6,})$/i;
const EMAIL_LINE = /^(?:E-?mail|E)\s*[.:]?\s*(\S+@\S+)$/i;

/** Signature lines: a name then a role; one line alone is a role when it reads like one. */
export function signatoryOf(signature: string[], letterheadName: string): LearnedSignatory {
  const lines = signature.filter((line) => !/^\[?(signature|signed)\]?$/i.test(line));
  if (lines.length >= 2) return { name: lines[0] ?? "", role: lines[1] ?? "" };
  const only = lines[0] ?? "";
  const looksLikeRole =
    /\b(Commissioner|Director|Chief|Officer|Head|Manager|Secretary|Chair|Minister|President|Lead|Ombudsman|Clerk)\b/i.test(
      only,
    );
  return looksLikeRole ? { name: letterheadName, role: only } : { name: only || letterheadName, role: "" };
}

export function senderOf(letterhead: string[], signatory: LearnedSignatory): LearnedSender {
  const sender: LearnedSender = { name: "", role: "", address: [], phone: "", email: "" };
  for (const line of letterhead) {
    const phone = PHONE.exec(line)?.[1];
    const email = EMAIL_LINE.exec(line)?.[1] ?? (/^\S+@\S+\.\S+$/.test(line) ? line : undefined);
    if (phone) sender.phone = phone.trim();
    else if (email) sender.email = email;
    else if (!sender.name) sender.name = line;
    else if (!sender.role && signatory.role && line.startsWith(signatory.role)) {
      sender.role = signatory.role;
      const rest = line.slice(signatory.role.length).trim();
      if (rest) sender.address.push(rest);
    } else if (!sender.role && !/\d/.test(line) && sender.address.length === 0) sender.role = line;
    else sender.address.push(line);
  }
  return sender;
}

/**
 * The sender from the fullest letterhead (some files lose theirs in
 * conversion) and the signatory from the lines most letters print under the
 * sign-off. What had to be guessed is said in `warnings`.
 */
export function senderAndSignatory(letterheads: string[][], signature: string[], warnings: string[]) {
  const letterhead = [...letterheads].sort((a, b) => b.length - a.length)[0] ?? [];
  let signatory = signatoryOf(signature.filter(Boolean), letterhead[0] ?? "");
  const sender = senderOf(letterhead, signatory);
  if (letterhead.length === 0) warnings.push("no letter has a letterhead: the sender is the signatory");
  if (!signatory.name) {
    // The signature block prints the name, then the role: with no name known, the role stands alone.
    signatory = { name: signatory.role || "Signatory", role: "" };
    warnings.push(
      `the letters print no signatory's name: campaign.yaml names the signatory "${signatory.name}"`,
    );
  } else if (signature.length < 2 && letterhead.length > 0 && signatory.name === letterhead[0]) {
    warnings.push(
      `the letters print no signatory's name: it was taken from the letterhead ("${signatory.name}")`,
    );
  }
  if (!sender.name) sender.name = signatory.name;
  return { sender, signatory };
}
