// Starts Swagger UI (served by this server from swagger-ui-dist, no CDN) on the API's own
// OpenAPI document. The validator badge is off: it would call validator.swagger.io.
// Signing in here (POST /api/auth/login, or GET /api/auth/me after a reload) sets the session
// cookie; the CSRF token of that answer is kept and sent with every write tried from the page,
// as the API asks of a cookie session. `x-tessera-guard` shows who may call each route.
let csrfToken;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function keepCsrfToken(response) {
  const path = new URL(response.url, window.location.href).pathname;
  if (path === '/api/auth/login' || path === '/api/auth/me') {
    const token = response.body?.csrfToken;
    if (typeof token === 'string') csrfToken = token;
  } else if (path === '/api/auth/logout' && response.ok) {
    csrfToken = undefined;
  }
  return response;
}

function sendCsrfToken(request) {
  const method = String(request.method ?? 'GET').toUpperCase();
  if (csrfToken !== undefined && WRITES.has(method)) {
    request.headers = { ...request.headers, 'x-csrf-token': csrfToken };
  }
  return request;
}

window.ui = window.SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [window.SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  validatorUrl: null,
  showExtensions: true,
  requestInterceptor: sendCsrfToken,
  responseInterceptor: keepCsrfToken,
});

// A page reloaded while signed in picks up its session's token again.
fetch('/api/auth/me', { credentials: 'same-origin' })
  .then((answer) => (answer.ok ? answer.json() : undefined))
  .then((me) => {
    if (typeof me?.csrfToken === 'string') csrfToken = me.csrfToken;
  })
  .catch(() => undefined);
