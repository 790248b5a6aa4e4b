import './app/zod-config.ts';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { i18nReady } from './app/i18n.ts';
// The editors' monospace face (Vietnamese included), bundled: nothing is loaded from the internet.
import '@fontsource/jetbrains-mono/400.css';
import '@fontsource/jetbrains-mono/700.css';
import './ui/styles.css';

const root = document.getElementById('root');
if (root) {
  // A visitor who chose English waits for its strings (one small file) rather than seeing a flash of Vietnamese.
  // The first render as a transition: React yields to the browser every few milliseconds instead of
  // holding the main thread for the whole page (a slow phone stays responsive while it starts).
  void i18nReady.then(() =>
    startTransition(() =>
      createRoot(root).render(
        <StrictMode>
          <App />
        </StrictMode>,
      ),
    ),
  );
}
