/**
 * A registry that refuses every GET with a Bearer challenge until it carries the token its realm
 * (https://auth.example/token) hands out; `tokens` counts how often that realm was asked.
 */
export function tokenRegistry(token: string, serve: (url: string) => Promise<Response> | Response) {
  const asked = { tokens: 0 };
  const fetchFrom = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    if (url.startsWith('https://auth.example/token')) {
      asked.tokens += 1;
      return Response.json({ token });
    }
    if (new Headers(init?.headers).get('authorization') !== `Bearer ${token}`)
      return new Response('', {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="reg"' },
      });
    return serve(url);
  }) as typeof fetch;
  return { fetch: fetchFrom, asked };
}
