// JSON schemas of the forms: every field named, nothing else accepted, each with a size limit.
// `_csrf` is the token every state-changing form carries (checked before validation).
const text = (maxLength, minLength = 0) => ({ type: 'string', minLength, maxLength });

export function form(required, optional = {}) {
  return { type: 'object', required: Object.keys(required), additionalProperties: false, properties: { _csrf: text(200), ...required, ...optional } };
}

export const credentials = form({ email: { ...text(254), format: 'email' }, password: text(200, 8) });
export const code = text(64, 1);
