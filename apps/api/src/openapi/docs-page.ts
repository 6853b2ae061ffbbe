/**
 * A self-contained documentation page: the OpenAPI document is embedded and rendered by a few
 * lines of inline script (the machine may be offline, so nothing comes from a CDN).
 */
export function renderDocsPage(doc: Record<string, unknown>): string {
  // `<` escaped so no string in the document can close the script element.
  const json = JSON.stringify(doc).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const info = (doc.info ?? {}) as { title?: string; version?: string };
  const title = escapeHtml(`${info.title ?? 'API'} ${info.version ?? ''}`.trim());
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  :root { --fg:#1d2330; --muted:#5b6475; --line:#e3e6ec; --bg:#fafbfc; }
  * { box-sizing: border-box; }
  body { margin:0; font:15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--fg); background:var(--bg); }
  header { padding:24px 32px; background:#fff; border-bottom:1px solid var(--line); }
  header h1 { margin:0 0 4px; font-size:22px; }
  header p { margin:0; color:var(--muted); }
  main { max-width:1080px; margin:0 auto; padding:16px 32px 64px; }
  h2 { margin:32px 0 8px; font-size:18px; text-transform:capitalize; }
  .tagdesc { color:var(--muted); margin:0 0 12px; }
  details.op { background:#fff; border:1px solid var(--line); border-radius:8px; margin:8px 0; }
  details.op > summary { cursor:pointer; padding:10px 14px; display:flex; gap:12px; align-items:center; list-style:none; }
  details.op > summary::-webkit-details-marker { display:none; }
  .m { font:600 12px/1 ui-monospace, monospace; padding:5px 8px; border-radius:4px; color:#fff; min-width:64px; text-align:center; text-transform:uppercase; }
  .get { background:#2f7dd1; } .post { background:#2e9d5b; } .delete { background:#c8423b; }
  .path { font-family:ui-monospace, monospace; font-weight:600; }
  .sum { color:var(--muted); }
  .lock { margin-left:auto; font-size:12px; color:var(--muted); }
  .body { padding:4px 16px 16px; border-top:1px solid var(--line); }
  table { border-collapse:collapse; width:100%; margin:8px 0; font-size:14px; }
  th, td { text-align:left; border-bottom:1px solid var(--line); padding:6px 8px; vertical-align:top; }
  th { color:var(--muted); font-weight:600; }
  code, pre { font-family:ui-monospace, monospace; font-size:13px; }
  pre { background:#f3f5f8; padding:10px 12px; border-radius:6px; overflow:auto; max-height:420px; }
  h4 { margin:14px 0 4px; font-size:14px; }
  nav a { margin-right:14px; color:#2f7dd1; text-decoration:none; }
</style>
</head>
<body>
<header><h1 id="title">${title}</h1><p id="desc"></p><nav id="nav"></nav></header>
<main id="ops"><noscript>Enable JavaScript to browse the document, or read <a href="/openapi.json">/openapi.json</a>.</noscript></main>
<script id="openapi" type="application/json">${json}</script>
<script>
(function () {
  var doc = JSON.parse(document.getElementById('openapi').textContent);
  var schemas = (doc.components && doc.components.schemas) || {};
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  // Descriptions use \`code\` spans; render them as <code>, everything as text (never as HTML).
  function rich(tag, text) {
    return el(tag, {}, String(text || '').split('\u0060').map(function (part, i) { return i % 2 ? el('code', {}, [part]) : part; }));
  }
  function resolve(s) {
    if (s && s.$ref) { var name = s.$ref.split('/').pop(); return { name: name, schema: schemas[name] }; }
    return { name: null, schema: s };
  }
  var desc = document.getElementById('desc');
  desc.parentNode.replaceChild(rich('p', (doc.info && doc.info.description) || ''), desc);
  var nav = document.getElementById('nav');
  nav.appendChild(el('a', { href: '/openapi.json' }, ['openapi.json']));
  var byTag = {};
  Object.keys(doc.paths).forEach(function (p) {
    Object.keys(doc.paths[p]).forEach(function (m) {
      var op = doc.paths[p][m];
      var tag = (op.tags && op.tags[0]) || 'other';
      (byTag[tag] = byTag[tag] || []).push({ path: p, method: m, op: op });
    });
  });
  var root = document.getElementById('ops');
  (doc.tags || []).map(function (t) { return t.name; }).concat(Object.keys(byTag)).filter(function (t, i, a) { return a.indexOf(t) === i && byTag[t]; }).forEach(function (tag) {
    var tagInfo = (doc.tags || []).filter(function (t) { return t.name === tag; })[0];
    root.appendChild(el('h2', { id: 'tag-' + tag }, [tag]));
    if (tagInfo && tagInfo.description) root.appendChild(el('p', { class: 'tagdesc' }, [tagInfo.description]));
    nav.appendChild(el('a', { href: '#tag-' + tag }, [tag]));
    byTag[tag].forEach(function (o) {
      var secured = !(o.op.security && o.op.security.length === 0) && doc.security;
      var summary = el('summary', {}, [
        el('span', { class: 'm ' + o.method }, [o.method]),
        el('span', { class: 'path' }, [o.path]),
        el('span', { class: 'sum' }, [o.op.summary || '']),
      ].concat(secured ? [el('span', { class: 'lock' }, ['API key'])] : []));
      var body = el('div', { class: 'body' }, []);
      if (o.op.description) body.appendChild(rich('p', o.op.description));
      if (o.op.parameters && o.op.parameters.length) {
        body.appendChild(el('h4', {}, ['Parameters']));
        var t = el('table', {}, [el('tr', {}, [el('th', {}, ['name']), el('th', {}, ['in']), el('th', {}, ['required']), el('th', {}, ['schema'])])]);
        o.op.parameters.forEach(function (p) {
          t.appendChild(el('tr', {}, [el('td', {}, [el('code', {}, [p.name])]), el('td', {}, [p.in]), el('td', {}, [p.required ? 'yes' : 'no']), el('td', {}, [el('code', {}, [JSON.stringify(p.schema)])])]));
        });
        body.appendChild(t);
      }
      if (o.op.requestBody) {
        var media = o.op.requestBody.content['application/json'];
        var r = resolve(media.schema);
        body.appendChild(el('h4', {}, ['Request body' + (r.name ? ' — ' + r.name : '')]));
        body.appendChild(el('pre', {}, [JSON.stringify(r.schema, null, 2)]));
      }
      body.appendChild(el('h4', {}, ['Responses']));
      var rt = el('table', {}, [el('tr', {}, [el('th', {}, ['status']), el('th', {}, ['description']), el('th', {}, ['media type'])])]);
      Object.keys(o.op.responses).forEach(function (status) {
        var resp = o.op.responses[status];
        var cell = rich('td', resp.description || '');
        rt.appendChild(el('tr', {}, [el('td', {}, [status]), cell, el('td', {}, [resp.content ? Object.keys(resp.content).join(', ') : ''])]));
      });
      body.appendChild(rt);
      root.appendChild(el('details', { class: 'op', id: o.op.operationId }, [summary, body]));
    });
  });
  // /docs#storePattern opens that operation.
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.tagName === 'DETAILS') { target.open = true; target.scrollIntoView(); }
})();
</script>
</body>
</html>
`;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
