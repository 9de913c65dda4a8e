/** The preview page: regions the client mounts the components into, like the record pages do. */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Overlap — local preview</title>
    <link rel="stylesheet" href="/preview/slds/styles/salesforce-lightning-design-system.min.css" />
    <link rel="stylesheet" href="/preview/preview.css" />
    <script src="/preview/app.js" defer></script>
  </head>
  <body class="slds-scope">
    <header class="preview-header">
      <h1>Overlap components — local preview</h1>
      <p>The Salesforce components from force-app, built with LWC OSS and lightning-base-components,
        reading the demo workspace through this API. Demo data only; this page answers loopback only.</p>
      <p id="preview-status" role="status">Building the components…</p>
    </header>
    <main class="preview-grid">
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">Account page <span class="preview-record" id="account-record"></span></h2>
        <div id="account"></div>
      </section>
      <section aria-labelledby="opportunity-heading">
        <h2 id="opportunity-heading">Opportunity page <span class="preview-record" id="opportunity-record"></span></h2>
        <div id="opportunity"></div>
      </section>
      <section aria-labelledby="partner-heading" class="preview-wide">
        <h2 id="partner-heading">Partner page: planning</h2>
        <div id="planning"></div>
      </section>
      <section aria-labelledby="matrix-heading" class="preview-wide">
        <h2 id="matrix-heading">App page: account mapping matrix</h2>
        <div id="matrix"></div>
      </section>
    </main>
    <div id="preview-toasts" aria-live="polite"></div>
  </body>
</html>
`;

/** Page layout only; the components are styled by SLDS, as in an org. */
export const PAGE_CSS = `
body { margin: 0; background: #f3f3f3; color: #181818;
  font: 13px/1.5 -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; }
.preview-header { background: #032d60; color: #fff; padding: 12px 24px; }
.preview-header h1 { font-size: 18px; margin: 0 0 4px; }
.preview-header p { margin: 0; opacity: 0.85; }
.preview-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; padding: 16px 24px; }
.preview-grid section { background: #fff; border: 1px solid #dddbda; border-radius: 4px; padding: 12px; }
.preview-grid h2 { font-size: 14px; margin: 0 0 8px; color: #3e3e3c; }
.preview-wide { grid-column: 1 / -1; }
.preview-record { font-weight: normal; color: #706e6b; }
#preview-toasts { position: fixed; top: 12px; right: 12px; }
.preview-toast { background: #2e844a; color: #fff; padding: 8px 12px; border-radius: 4px; margin-bottom: 8px; }
.preview-toast.error { background: #ba0517; }
`;
