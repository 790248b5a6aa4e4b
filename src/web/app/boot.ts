/** What the server wrote into the page for the app's first render (see platform/http/web-app.ts). */
export interface Boot {
  provinceName: string | null;
  provinceNameEn: string | null;
  demo: boolean;
  /** data pages show at once (`popularProcedures`: the home page's list) */
  preload?: Record<string, unknown>;
}

function read(): Boot | null {
  const text = document.getElementById('cqs-boot')?.textContent;
  if (!text) return null; // the development server sends the page without it
  try {
    return JSON.parse(text) as Boot;
  } catch {
    return null;
  }
}

export const boot: Boot | null = read();
