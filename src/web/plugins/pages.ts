import type { FastifyInstance, FastifyReply } from "fastify";
import { can, PERMISSIONS, type Permission } from "../../users/permissions.ts";
import type { SignedInUser } from "../../users/signed-in-user.ts";

const FLASH_COOKIE = "postbag_flash";

declare module "fastify" {
  interface FastifyReply {
    /** Renders a page with what every page needs: the user, a CSRF token, the flash message. */
    page(template: string, context?: Record<string, unknown>): FastifyReply;
    /** A message for the next page (post-redirect-get), shown once. */
    flash(message: string): FastifyReply;
  }
}

export async function pagesPlugin(app: FastifyInstance): Promise<void> {
  app.decorateReply("page", function page(this: FastifyReply, template: string, context = {}) {
    const flash = this.request.cookies[FLASH_COOKIE];
    if (flash) this.clearCookie(FLASH_COOKIE, { path: "/" });
    return this.type("text/html; charset=utf-8").view(template, {
      user: this.request.user,
      csrfToken: this.generateCsrf(),
      flash,
      may: permissionsOf(this.request.user),
      navigation: navigationFor(this.request.user, this.request.url.split("?")[0] ?? ""),
      ...context,
    });
  });
  app.decorateReply("flash", function flash(this: FastifyReply, message: string) {
    // Shown as text by the next page (autoescaped), so it needs no signature.
    return this.setCookie(FLASH_COOKIE, message, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: "auto",
    });
  });
}

function navigationFor(user: SignedInUser | null, path: string) {
  if (!user) return [];
  const links = [
    {
      href: "/manage",
      text: "Campaigns",
      active: path === "/manage" || path.startsWith("/manage/campaigns"),
    },
    { href: "/manage/directory", text: "Directory", active: path.startsWith("/manage/directory") },
    { href: "/manage/inbox", text: "Inbox", active: path.startsWith("/manage/inbox") },
  ];
  if (user.role === "admin") {
    links.push({ href: "/manage/users", text: "Users", active: path.startsWith("/manage/users") });
  }
  links.push({ href: "/manage/account", text: "Your account", active: path.startsWith("/manage/account") });
  return links;
}

/** `may.write`, `may.approve`…: what the templates need to hide buttons a user cannot use. */
function permissionsOf(user: SignedInUser | null): Record<Permission, boolean> {
  return Object.fromEntries(
    PERMISSIONS.map((permission) => [permission, user !== null && can(user.role, permission)]),
  ) as Record<Permission, boolean>;
}
