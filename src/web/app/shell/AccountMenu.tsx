import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth.tsx';
import { paths } from '../paths.ts';

/** Disclosure menu with the account page and the two ways to sign out. */
export function AccountMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!user) {
    return (
      <Link className="header-link" to={paths.login}>
        {t('nav.login')}
      </Link>
    );
  }

  async function leave(everywhere: boolean) {
    setBusy(true);
    try {
      await signOut(everywhere, () => navigate(paths.home));
    } catch {
      // the session stays as it was; the menu stays open so the user can try again
    } finally {
      setBusy(false);
    }
    setOpen(false);
  }

  return (
    <div className="account-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="account-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="visually-hidden">{t('account.menu')}: </span>
        <span className="account-name">{user.fullName}</span>
        <span aria-hidden="true" className="caret">
          ▾
        </span>
      </button>
      <div id={menuId} className="account-dropdown" hidden={!open}>
        <p className="account-identity">
          <span className="account-dropdown-name">{user.fullName}</span>
          <span className="small">{user.email ?? user.phone}</span>
        </p>
        <ul>
          <li>
            <Link to={paths.account} onClick={() => setOpen(false)}>
              {t('nav.account')}
            </Link>
          </li>
          <li>
            <button type="button" disabled={busy} onClick={() => void leave(false)}>
              {t('nav.logout')}
            </button>
          </li>
          <li>
            <button type="button" disabled={busy} onClick={() => void leave(true)}>
              {t('nav.logout_all')}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
