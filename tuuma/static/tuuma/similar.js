// The new-idea form's "similar ideas and solutions" panel: while the person types the title or
// the problem, fetch similar ideas and acts (an HTML fragment rendered and escaped by the
// server) without ever blocking the typing. Without JavaScript the panel stays empty.
(function () {
  "use strict";
  const panel = document.querySelector("[data-similar-url]");
  if (!panel || !window.fetch) return;
  const form = panel.closest("form") || document;
  const fields = ["title", "problem"].map((name) => form.querySelector(`[name="${name}"]`))
    .filter(Boolean);
  if (!fields.length) return;
  let timer = null;
  let controller = null;
  let lastText = "";

  function text() {
    return fields.map((f) => f.value.trim()).join(" ").trim();
  }

  async function refresh() {
    const current = text();
    if (current === lastText) return;
    lastText = current;
    if (controller) controller.abort();
    if (current.length < 4) {
      panel.innerHTML = "";
      return;
    }
    controller = new AbortController();
    const url = new URL(panel.dataset.similarUrl, window.location.href);
    fields.forEach((f) => url.searchParams.set(f.name, f.value.slice(0, 2000)));
    try {
      const response = await fetch(url, {signal: controller.signal,
                                          headers: {"X-Requested-With": "fetch"}});
      if (!response.ok) return;
      const html = (await response.text()).trim();
      panel.innerHTML = html;
    } catch (error) {
      // Aborted by newer typing, or offline: the form works the same without the panel.
    }
  }

  fields.forEach((f) => f.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 700);
  }));
  if (text()) refresh();
})();
