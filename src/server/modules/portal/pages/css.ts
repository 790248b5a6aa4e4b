// The portal's one stylesheet: small, system fonts only, readable on a cheap phone, AA contrast.
import { createHash } from 'node:crypto';

export const CSS = `*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1a1a1a;background:#fff}
.wrap{max-width:64rem;margin:0 auto;padding:0 1rem}
a{color:#0b4f9c}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #c05600;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
.top{background:#8b0000;color:#fff}.top .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding-top:.75rem;padding-bottom:.75rem}
.brand{color:#fff;font-weight:700;font-size:1.15rem;text-decoration:none}
.search label{position:absolute;left:-999px}.search input{padding:.4rem;border:1px solid #666;border-radius:4px;min-width:12rem}
button{padding:.45rem .9rem;border:0;border-radius:4px;background:#0b4f9c;color:#fff;font:inherit;cursor:pointer}
.top nav{background:#6d0000}.top nav ul{display:flex;flex-wrap:wrap;gap:0 1rem;list-style:none;margin:0;padding-top:.4rem;padding-bottom:.4rem}
.top nav a{color:#fff;text-decoration:none;padding:.25rem 0;display:inline-block}.top nav a[aria-current]{text-decoration:underline}
.crumbs ol{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;padding:0;font-size:.9rem}.crumbs li+li::before{content:"›";margin-right:.25rem}
main{padding-bottom:2rem}h1{font-size:1.6rem;line-height:1.25}
.cards{list-style:none;padding:0;display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr))}
.cards li{border:1px solid #ccc;border-radius:6px;padding:.75rem 1rem}.cards h3{margin:.2rem 0;font-size:1.05rem}
.meta{color:#555;font-size:.9rem}.notice{background:#fff4ce;border-left:4px solid #8a6d00;padding:.6rem 1rem}
.banner{background:#fde7e9;border-left:4px solid #a4262c;padding:.6rem 1rem}
.change{background:#eef6ff;border-left:4px solid #0b4f9c;padding:.6rem 1rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}.filters label{display:flex;flex-direction:column;font-size:.9rem}
.filters select,.filters input,form textarea,form input{padding:.4rem;border:1px solid #666;border-radius:4px;font:inherit}
form.stack{display:grid;gap:.75rem;max-width:36rem}form.stack label{display:grid;gap:.2rem}
mark{background:#ffe97a;color:inherit}.tree ul{list-style:none;padding-left:1.25rem;border-left:2px solid #ddd}
.foot{border-top:1px solid #ddd;padding-top:1rem;padding-bottom:2rem;font-size:.95rem}.langs{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;list-style:none;padding:0}
.foot h2{font-size:1rem}.pager{display:flex;gap:1rem}svg.map{max-width:100%;height:auto;border:1px solid #ddd}
.map .commune{fill:#f3efe6;stroke:#777;stroke-width:.6}.map .pin{fill:#a4262c}
svg.chart{max-width:100%;height:auto}.chart .fdi{fill:#0b4f9c}.chart .dom{fill:#c05600}.chart text{font-size:12px;fill:#333}.chart .grid{stroke:#ddd}
.steps>li{margin-bottom:1rem}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.h3{font-size:1.1rem}`;

export const CSS_ETAG = `"${createHash('sha256').update(CSS).digest('base64url').slice(0, 16)}"`;
/** Versioned by content, so it can be cached for a year. */
export const CSS_PATH = `/portal.css?v=${CSS_ETAG.slice(1, 9)}`;
