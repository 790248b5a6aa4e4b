export type {
  AdministrativeDocument,
  Align,
  Block,
  DocumentHeader,
  DocumentMeta,
  FieldItem,
  FieldsBlock,
  HeaderGroup,
  ListBlock,
  ParagraphBlock,
  QrCode,
  RichText,
  Signature,
  SpacerBlock,
  TableBlock,
  TableColumn,
  TextRun,
} from './document.js';
export { fontPath, loadFonts, type FontStyle } from './fonts.js';
export {
  formatDate,
  formatDateTime,
  formatLongDate,
  formatMoney,
  formatNumber,
  formatPlaceDate,
  formatTime,
  parseInstant,
} from './format.js';
export { RenderError, renderDocument } from './render.js';
export {
  TEMPLATE_FILTERS,
  TemplateError,
  fillTemplate,
  validateTemplate,
  type Control,
  type DocumentTemplate,
  type FillOptions,
  type TemplateBlock,
  type TemplateIssue,
  type TemplateIssueKind,
} from './template.js';
export { documentTemplateSchema, parseTemplate } from './template-schema.js';
