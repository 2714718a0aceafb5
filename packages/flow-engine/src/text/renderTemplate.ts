const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/**
 * Replaces `{{name}}` with the flow variable and `{{contact.field}}` with the contact's field.
 * Unknown names become empty text: a customer should never see raw braces.
 */
export function renderTemplate(
  template: string,
  variables: Readonly<Record<string, string>>,
  contactFields: Readonly<Record<string, string>>,
  // URLs and JSON bodies escape each value, so a customer's answer cannot change their structure.
  encode: (value: string) => string = (value) => value,
): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    if (Object.hasOwn(variables, name)) return encode(variables[name] ?? '');
    if (name.startsWith('contact.')) return encode(contactFields[name.slice('contact.'.length)] ?? '');
    return '';
  });
}
