// Mailboxes of a role or an office, not a person: foi@, info@, enquiries@,
// press.office@, the.policy.team@. A person's address at a public body is
// still personal data, so only the part before the @ decides.

const ROLE_WORDS = new Set(
  (
    "info information foi foia foirequests enquiries enquiry contact contactus office press media news admin " +
    "administration help helpdesk support hello mail post postmaster webmaster reception team comms " +
    "communications complaints feedback noreply no-reply donotreply dpo dataprotection privacy general " +
    "customerservices service services accounts finance hr recruitment secretariat correspondence requests " +
    "request unit department governance legal compliance casework vru analysts officers advisers managers " +
    "partnerships partnership policy strategy research performance insight intelligence commissioning safeguarding"
  ).split(" "),
);

const ROLE_PREFIX =
  /^(?:foi|info|enquir|contact|press|media|comms|admin|noreply|no-reply|postmaster|webmaster|dpo)/;
const ROLE_SUFFIX = /(?:team|office|unit|desk|enquiries|requests|services|mailbox)$/;

export function isRoleMailbox(address: string): boolean {
  const local = (address.split("@")[0] ?? "").toLowerCase();
  const words = local.split(/[._+-]+/).filter(Boolean);
  const first = words[0] ?? "";
  const last = words[words.length - 1] ?? "";
  return ROLE_WORDS.has(first) || ROLE_WORDS.has(last) || ROLE_PREFIX.test(local) || ROLE_SUFFIX.test(local);
}
