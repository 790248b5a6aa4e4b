export { BLANK, formView, maskIdNumber, renderForm, type RenderFormOptions } from './render-form.js';
export { SAMPLE_CONTEXTS } from './samples.js';
export { DEFAULT_TEMPLATES } from './templates/index.js';
export * from './types.js';
