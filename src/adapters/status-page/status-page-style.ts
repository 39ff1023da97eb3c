/** The page's only styling: readable on a phone, follows the reader's dark-mode preference, no script. */
export const STATUS_PAGE_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--card:#f6f8fa;
--ok:#1a7f37;--minor:#9a6700;--major:#bc4c00;--critical:#cf222e;--maint:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;
--ok:#3fb950;--minor:#d29922;--major:#db6d28;--critical:#f85149;--maint:#4493f8}
.banner,form.subscribe button{color:#0d1117!important}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:860px;margin:0 auto;padding:16px}h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:2rem 0 .75rem}
.banner{padding:14px 16px;border-radius:8px;color:#fff;font-weight:600;background:var(--ok)}
.banner.minor{background:var(--minor)}.banner.major{background:var(--major)}.banner.critical{background:var(--critical)}.banner.maintenance{background:var(--maint)}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:12px 0;background:var(--card);overflow-wrap:anywhere}
.component{display:flex;flex-wrap:wrap;justify-content:space-between;gap:4px 12px}.component .name{font-weight:600}
.s-operational{color:var(--ok)}.s-degraded_performance{color:var(--minor)}.s-partial_outage{color:var(--major)}.s-major_outage{color:var(--critical)}.s-under_maintenance{color:var(--maint)}
.muted{color:var(--muted);font-size:.9rem}.next{font-weight:600}
.bars{display:flex;gap:1px;height:28px;margin:8px 0 2px}.bars span{flex:1;min-width:1px;border-radius:1px;background:var(--ok)}
.bars .degraded_performance{background:var(--minor)}.bars .partial_outage{background:var(--major)}.bars .major_outage{background:var(--critical)}
.update{margin:8px 0 0;padding-top:8px;border-top:1px solid var(--line)}.update b{text-transform:capitalize}
form.subscribe{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end}form.subscribe label{display:flex;flex-direction:column;font-size:.9rem;gap:2px}
form.subscribe input,form.subscribe select,form.subscribe button{font:inherit;padding:8px 10px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);min-height:44px}
form.subscribe button{background:var(--maint);border-color:var(--maint);color:#fff;font-weight:600}ul.feeds{padding-left:1.2rem}
ul.history{list-style:none;padding:0}ul.history li{margin:6px 0}a{color:inherit}footer{margin:2rem 0;color:var(--muted);font-size:.85rem}
`;
