// How mail servers word a failed delivery when they do not send a standard
// delivery report (RFC 3464), or send one beside their own text: the
// subjects and phrases of Exim, Postfix, Sendmail, qmail, Exchange and
// Microsoft 365, Gmail, Yahoo, Lotus Notes and Domino, Courier, anti-virus
// and filtering gateways, mailing-list software and the big mailbox
// providers, as their messages in sisimai's public set of emails show them.

/** Subjects only a delivery failure has. */
export const BOUNCE_SUBJECT = new RegExp(
  [
    "undeliver(?:able|ed)",
    "delivery (?:status notification|failure|failed|notification: delivery has failed|has failed|problem|report)",
    "mail delivery (?:failed|failure|system|subsystem)",
    "returned mail",
    "mail failure",
    "loop (?:alert|detected)",
    "failure notice",
    "non[- ]?delivery",
    "could not (?:be )?deliver",
    "message (?:not delivered|delivery failure|could not be delivered|you sent .*(?:blocked|rejected))",
    "(?:mail|message) (?:system error|returned|rejected|refused|bounced)",
    "rejected:",
    "delivery (?:to the following recipients? )?(?:failed|was unsuccessful)",
    "warning: could not send message",
    "errors from [^ ]+\\[",
    "unable to deliver",
    "delayed mail",
    "(?:mail|message) delayed",
    "delivery delayed",
    "nicht zustellbar",
    "non remis",
    "no entregado",
  ].join("|"),
  "i",
);

/** Phrases in a failure's text that a person replying would hardly write. */
export const BOUNCE_TEXT = new RegExp(
  [
    "this is a permanent error",
    "permanent (?:fatal )?errors?",
    "i'?m (?:afraid i wasn'?t|sorry to have to inform you)",
    "(?:could|was) not (?:be )?delivered to",
    "couldn'?t be delivered",
    "delivery to the following recipients? (?:failed|was aborted)",
    "(?:your )?message (?:could not|cannot|wasn'?t|was not) (?:be )?delivered",
    "the following (?:message|addresses?|recipients?) (?:to <[^>]*> )?(?:could not|had permanent|failed|has failed|was undeliverable)",
    "undelivered mail",
    "(?:user|recipient|mailbox|address) (?:unknown|not found|does not exist|doesn'?t exist|is (?:unknown|unavailable|disabled|full|over quota))",
    "no such (?:user|mailbox|recipient|address)",
    "mailbox (?:full|unavailable|is full|quota exceeded)",
    "over quota",
    "host (?:unknown|not found)",
    "smtp error from remote",
    "remote host said:",
    "giving up",
    "delivery (?:has failed|attempts? will continue|failed)",
    "returned to sender",
    "unable to deliver",
    "virus (?:found|detected)",
    "delivery status notification",
    "reporting-mta:",
    "final-recipient:",
    "mail delivery failed",
    "hi\\. this is the qmail-send program",
    "the original message was received at",
    "----- (?:transcript of session|the following addresses had permanent|original message)",
    "your message did not reach some or all of the intended recipients",
    "message delivery (?:to .* )?(?:has failed|failed)",
    "did not reach the following recipient",
    "the recipient name is not recognized",
    "transcript of session follows",
    "not (?:a )?member of this (?:mailing )?list",
  ].join("|"),
  "i",
);

/** A warning that delivery is only late: the server is still trying. */
export const DELAY_TEXT = new RegExp(
  [
    "(?:has|have) not (?:yet )?been delivered",
    "not yet (?:been )?delivered",
    "(?:will|shall) (?:continue to )?(?:retry|try|attempt)",
    "still (?:trying|attempting)",
    "delivery (?:has been )?delayed",
    "message (?:has been )?delayed",
    "warning: (?:could not send message for past|message .* delayed)",
    "this is (?:only )?a warning",
    "(?:is|has been|was) delayed",
    "\\(delay\\)",
    "delivery status notification: delayed",
    "still being retried",
    "no action is required on your part",
  ].join("|"),
  "i",
);

/** Words that make a report final, whatever else it says: the server has given up. */
export const FINAL_TEXT =
  /permanent|giving up|gave up|sorry to have to inform|(?:could|was) not (?:be )?delivered|couldn'?t be delivered|returned to sender|failure notice|has failed|delivery failed/i;
