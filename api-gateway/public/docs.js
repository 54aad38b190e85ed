// The API reference page (/docs): Swagger UI, served by the gateway itself, reading /openapi.json.
'use strict';

window.SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#reference',
  // no badge from validator.swagger.io: nothing on this page leaves the sandbox
  validatorUrl: null,
  deepLinking: true,
  tryItOutEnabled: true,
  // the login of the diagram's page in this tab, if any, is sent as the Bearer token
  requestInterceptor: (request) => {
    const login = sessionStorage.getItem('login');
    if (login && !request.headers.Authorization) request.headers.Authorization = `Bearer ${JSON.parse(login).token}`;
    return request;
  },
});
