#!/usr/bin/env node
// The `cqs` command. TypeScript runs through tsx's loader, so there is no separate build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli.ts');
