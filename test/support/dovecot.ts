import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { tempDir } from "./render-cli.ts";

// A throwaway IMAP server for the tests: Debian's dovecot (dovecot-imapd;
// .ci/run installs it), run as the current user with its own configuration
// in a temporary folder, on loopback at a free port, one user with a plain
// password, maildir storage, no TLS. Outside CI a missing dovecot skips the
// tests that need it, saying why; under CI=true they never skip.

export const DOVECOT = "/usr/sbin/dovecot";
export const NO_DOVECOT = process.env.CI !== "true" && !existsSync(DOVECOT);
export const DOVECOT_REASON = "needs dovecot (Debian: dovecot-imapd; .ci/run installs it)";

export interface ThrowawayImap {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Environment for the postbag command. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startDovecot(): Promise<ThrowawayImap> {
  const dir = tempDir("postbag-dovecot-");
  const port = await freePort();
  const me = userInfo();
  const user = "replies";
  const password = "postbag-test-password";
  // Run by root (a CI container), login processes must not be root: Debian's
  // package makes dovenull and dovecot for them. Run by anyone else, everything is that user.
  const root = me.uid === 0;
  const loginUser = root ? "dovenull" : me.username;
  const internalUser = root ? "dovecot" : me.username;
  const group = root ? "dovecot" : me.username;
  for (const sub of ["run", "state", "home"]) mkdirSync(join(dir, sub), { recursive: true });
  const passwd = join(dir, "passwd");
  // Mail is never stored as root: run by root, the mailbox belongs to the dovecot user.
  const owner = root ? systemUser("dovecot") : { uid: me.uid, gid: me.gid };
  const home = join(dir, "home", user);
  mkdirSync(home, { recursive: true });
  if (root) chownSync(home, owner.uid, owner.gid);
  writeFileSync(passwd, `${user}:{PLAIN}${password}:${owner.uid}:${owner.gid}::${home}::\n`);
  // dovecot's auth process (its own user when run by root) reads the throwaway password file.
  if (root) {
    chmodSync(dir, 0o755);
    chmodSync(passwd, 0o644);
  }
  const config = join(dir, "dovecot.conf");
  writeFileSync(
    config,
    `base_dir = ${join(dir, "run")}
state_dir = ${join(dir, "state")}
log_path = ${join(dir, "dovecot.log")}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${loginUser}
default_internal_user = ${internalUser}
default_internal_group = ${group}
first_valid_uid = ${owner.uid}
first_valid_gid = ${owner.gid}
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${passwd}
}
userdb {
  driver = passwd-file
  args = username_format=%u ${passwd}
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT, ["-F", "-c", config], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const started = Date.now();
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() - started > 15_000) {
      child.kill("SIGKILL");
      const log = existsSync(join(dir, "dovecot.log")) ? readFileSync(join(dir, "dovecot.log"), "utf8") : "";
      throw new Error(`dovecot did not start: ${output}\n${log}`);
    }
    await sleep(100);
  }
  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    env: {
      POSTBAG_IMAP_HOST: "127.0.0.1",
      POSTBAG_IMAP_PORT: String(port),
      POSTBAG_IMAP_SECURITY: "none",
      POSTBAG_IMAP_USER: user,
      POSTBAG_IMAP_PASSWORD: password,
      POSTBAG_IMAP_MAILBOX: "INBOX",
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

/** A user from /etc/passwd (Debian's dovecot package makes "dovecot"). */
function systemUser(name: string): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (uid === undefined || gid === undefined)
    throw new Error(`there is no user "${name}" (is dovecot-core installed?)`);
  return { uid: Number(uid), gid: Number(gid) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function listening(port: number): Promise<boolean> {
  const { connect } = await import("node:net");
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
