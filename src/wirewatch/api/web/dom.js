// Small DOM and HTTP helpers shared by the page's modules. Strings from the data go in as text
// (el), links only when they are http(s) (safeHref).

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function safeHref(url) {
  // Only web links become clickable: a javascript: URL in the data must stay inert text.
  try {
    const u = new URL(url, window.location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch { return null; }
}

export function banner(message) {
  const b = document.getElementById("banner");
  b.textContent = message;
  b.hidden = !message;
}

export function setStatus(message) {
  document.getElementById("status").textContent = message;
}

// The path with every set parameter (null, undefined and "" left out), relative to this page.
export function query(path, params) {
  const url = new URL(path, window.location.href);
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
  return url.pathname + url.search;
}

// GET a JSON answer of the API; an error names the path and the server's `detail`.
export async function api(path, params = {}) {
  const res = await fetch(query(path, params), { headers: { Accept: "application/json" } });
  if (!res.ok) {
    let detail = res.statusText;
    try { detail = (await res.json()).detail || detail; } catch { /* not JSON */ }
    throw new Error(`${new URL(path, window.location.href).pathname}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  }
  return res.json();
}
