import { config } from 'zod/v4/core';

// zod compiles fast object parsers with `new Function` after probing whether it may; under the page's
// `script-src 'self'` policy the probe itself is reported as a violation. Imported before anything
// builds a schema (object schemas read the setting when they are built).
config({ jitless: true });
