import helmet from 'helmet';

/**
 * Security headers on every answer (helmet 8). The content security policy allows what the
 * service serves itself and nothing else — the dashboard (/ui) and the OpenAPI UI (/docs) load
 * their scripts, styles and fonts from this origin, never from a CDN; inline styles are allowed
 * because Swagger UI's page carries a <style> block; inline scripts are not. No
 * `upgrade-insecure-requests`: the service is often reached over plain http inside a cluster or
 * on localhost, where that directive would break the dashboard's own requests.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    // Nobody frames the dashboard (frame-ancestors 'none' above; X-Frame-Options for old browsers).
    frameguard: { action: 'deny' },
  });
}
