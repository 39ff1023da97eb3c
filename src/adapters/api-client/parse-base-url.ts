import { AppError } from '../../domain/errors/index.js';

/**
 * The server's root URL as given (IR_SERVER, `--server`): http or https, no credentials, query or
 * fragment. A trailing `/api/v1` is accepted and dropped, so both `https://ir.example.com` and
 * `https://ir.example.com/api/v1` work; a path prefix (`https://example.com/ir`) is kept.
 */
export function parseBaseUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw invalid(`'${input}' is not a URL; expected e.g. https://incidents.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(`the server URL must start with http:// or https://, not ${url.protocol}//`);
  }
  // Never echo the URL here: it holds the credentials we are refusing.
  if (url.username !== '' || url.password !== '') {
    throw invalid('the server URL must not contain a user name or password; put the API token in IR_TOKEN instead');
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalid(`the server URL must not have a query or fragment: ${url.origin}${url.pathname}`);
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return new URL(`${url.origin}${path}`);
}

function invalid(message: string): AppError {
  return new AppError('VALIDATION', message, { issues: [{ path: 'server', message: 'invalid server URL' }] });
}
