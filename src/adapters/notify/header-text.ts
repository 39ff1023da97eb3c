/**
 * A header value from any text: printable ASCII as it is, anything else as an RFC 2047 encoded word
 * (`=?UTF-8?B?…?=`), which ntfy decodes; line breaks never reach a header.
 */
export function headerText(text: string): string {
  const line = text.replace(/[\r\n]+/g, ' ').trim();
  if (/^[\x20-\x7e]*$/.test(line)) return line;
  return `=?UTF-8?B?${Buffer.from(line, 'utf8').toString('base64')}?=`;
}
