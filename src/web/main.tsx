import './app/zod-config.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { i18nReady } from './app/i18n.ts';
import './ui/styles.css';

const root = document.getElementById('root');
if (root) {
  // A visitor who chose English waits for its strings (one small file) rather than seeing a flash of Vietnamese.
  void i18nReady.then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
