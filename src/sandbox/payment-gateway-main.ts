// `npm run sandbox:payments`: the sandbox payment gateway as its own process (development and e2e).
// SANDBOX_PORT (default 8190), SANDBOX_HOST (default 127.0.0.1), SANDBOX_MERCHANTS ("id:secret,…";
// default the development merchant that CQS uses when PAYMENT_* are unset in demo mode).
import { startPaymentSandbox } from './payment-gateway.ts';

const env = process.env;
const merchants = Object.fromEntries(
  (env.SANDBOX_MERCHANTS ?? 'CQSDEMO:cqs-sandbox-secret-not-for-production')
    .split(',')
    .map((pair) => pair.split(':') as [string, string]),
);
const sandbox = await startPaymentSandbox({
  port: Number(env.SANDBOX_PORT ?? 8190),
  host: env.SANDBOX_HOST ?? '127.0.0.1',
  merchants,
});
console.log(`payment sandbox (môi trường thử nghiệm) listening on ${sandbox.url}`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
