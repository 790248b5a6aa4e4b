// Open311 GeoReport v2 documents in the spec's shapes: a JSON array or an XML root holding repeated
// elements (services/service, service_requests/request, errors/error, service_definition). Pure.
import { XMLBuilder } from 'fast-xml-parser';

export type Format = 'json' | 'xml';
type Scalar = string | number | boolean | null;
export type Open311Value = Scalar | Open311Object | Open311Object[];
export interface Open311Object {
  [key: string]: Open311Value;
}

/** The root element and the name of each repeated child, per document kind. */
const ROOTS = {
  services: ['services', 'service'],
  requests: ['service_requests', 'request'],
  errors: ['errors', 'error'],
} as const;

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: true });

/** In XML a null is an empty element; a list inside an object is an element per item. */
function toXmlValue(v: Open311Value, itemName: string): unknown {
  if (v === null) return '';
  if (Array.isArray(v)) return { [itemName]: v.map((o) => toXmlObject(o)) };
  if (typeof v === 'object') return toXmlObject(v);
  return v;
}
const ITEM_NAMES: Record<string, string> = { attributes: 'attribute', values: 'value', notes: 'note' };
function toXmlObject(o: Open311Object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = toXmlValue(v, ITEM_NAMES[k] ?? 'item');
  return out;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

export function renderList(kind: keyof typeof ROOTS, items: Open311Object[], format: Format): string {
  if (format === 'json') return JSON.stringify(items);
  const [root, item] = ROOTS[kind];
  return XML_DECLARATION + builder.build({ [root]: { [item]: items.map(toXmlObject) } });
}

export function renderDefinition(def: Open311Object, format: Format): string {
  if (format === 'json') return JSON.stringify(def);
  return XML_DECLARATION + builder.build({ service_definition: toXmlObject(def) });
}

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** w3c date-time with the city's offset (UTC+7), as the spec's examples write them: 2010-04-14T06:37:38-08:00. */
export function w3cDate(d: Date | null): string | null {
  if (!d) return null;
  const local = new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+07:00`;
}
