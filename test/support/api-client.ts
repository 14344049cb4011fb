import { ROLE_EMAILS, type TestApp, type TestRole } from "./web-app.ts";

export type ApiCall = (
  method: string,
  path: string,
  as: TestRole,
  json?: unknown,
) => Promise<{ status: number; json: Record<string, unknown> }>;

/** A bearer token for each test role, and a call to the JSON API (paths under /api) as one of them. */
export async function apiClient(test: TestApp, tokenName: string): Promise<ApiCall> {
  const tokens = {} as Record<TestRole, string>;
  for (const [role, email] of Object.entries(ROLE_EMAILS)) {
    tokens[role as TestRole] = (
      await test.services.createApiToken({ email, name: tokenName, actor: "test" })
    ).token;
  }
  return async (method, path, as, json) => {
    const response = await fetch(`${test.base}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[as]}`,
        ...(json === undefined ? {} : { "content-type": "application/json" }),
      },
      body: json === undefined ? null : JSON.stringify(json),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
}
