// Opened from a folder (file://), a browser shows a directory listing for "items/x/":
// point such links (and the search form) at the folder's index.html instead. On a web server nothing changes.
(function () {
  if (location.protocol !== "file:") return;
  function folderIndex(url) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.charAt(0) === "#") return url;
    var parts = url.split("#");
    if (parts[0] === "") return url;
    if (parts[0].slice(-1) === "/") parts[0] += "index.html";
    else if (parts[0] === "." || parts[0] === "..") parts[0] += "/index.html";
    return parts.join("#");
  }
  document.querySelectorAll("a[href]").forEach(function (a) {
    a.setAttribute("href", folderIndex(a.getAttribute("href")));
  });
  document.querySelectorAll("form[action]").forEach(function (form) {
    form.setAttribute("action", folderIndex(form.getAttribute("action")));
  });
})();

// "Cite this photograph": on a web server, a citation gets the page's full address (the site knows it only
// when base_url is set); copy buttons put a citation on the clipboard. Without JavaScript the text is there.
(function () {
  var cite = document.querySelector(".cite");
  if (!cite) return;
  // The page's language: this script's words, translated in <script id="albumen-strings"> (an English page has none).
  var _ = (function () {
    var el = document.getElementById("albumen-strings");
    var words = el ? JSON.parse(el.textContent) : {};
    return function (text) { return words[text] || text; };
  })();
  var stable = cite.querySelector(".stable-url");
  if (stable && stable.getAttribute("data-public") === "no" && /^https?:$/.test(location.protocol)) {
    var relative = stable.textContent;
    var absolute = new URL(stable.getAttribute("href"), location.href).href;
    stable.textContent = absolute;
    cite.querySelectorAll("pre code").forEach(function (block) {
      block.textContent = block.textContent.split(relative).join(absolute);
    });
  }
  var status = cite.querySelector(".copy-status");
  function copied(ok) {
    if (status) status.textContent = ok ? _("Copied.") : _("Select the text and copy it.");
  }
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(true); }, function () { copied(false); });
      return;
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    copied(ok);
  }
  cite.querySelectorAll(".copy-button").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(source.textContent.replace(/\s+$/, ""));
    });
  });
})();

// An object's images (a postcard's sides, a letter's pages): the strip shows the chosen image in place of the
// first without reloading or moving the page, and the address names it (#image-2) so that it can be shared.
// Without JavaScript the strip's links go to the same anchors, and the style sheet's :target shows the image.
(function () {
  var box = document.querySelector(".object-images");
  var strip = document.querySelector(".image-strip");
  if (!box || !strip) return;
  var shown = box.querySelectorAll(".object-image");
  var links = strip.querySelectorAll("a[data-page]");
  function show(page) {
    shown.forEach(function (image, n) { image.hidden = n !== page; });
    links.forEach(function (link, n) {
      if (n === page) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
    var zoom = document.getElementById("zoom");
    if (zoom) zoom.setAttribute("data-page", String(page));
    if (window.albumenViewer && window.albumenViewer.goToPage) window.albumenViewer.goToPage(page);
  }
  var start = 0;
  shown.forEach(function (image, n) { if ("#" + image.id === location.hash) start = n; });
  box.classList.add("scripted");
  show(start);
  links.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var page = Number(link.getAttribute("data-page"));
      show(page);
      if (history.replaceState) history.replaceState(null, "", "#" + shown[page].id);
    });
  });
})();
