// Starts Swagger UI (served by this server from swagger-ui-dist, no CDN) on the API's own
// OpenAPI document. The validator badge is off: it would call validator.swagger.io.
window.ui = window.SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  presets: [window.SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
  validatorUrl: null,
});
