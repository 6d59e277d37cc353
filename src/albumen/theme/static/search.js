// Pagefind UI with result links made relative to this site's root, so search works under a sub-path.
(function () {
  var el = document.getElementById("search");
  if (!el) return;
  if (location.protocol === "file:" || typeof PagefindUI === "undefined") {
    // Browsers block Pagefind's module loading from a folder opened directly.
    var note = document.getElementById("search-offline");
    if (note) note.hidden = false;
    return;
  }
  var bundle = new URL(el.getAttribute("data-bundle"), location.href);
  var root = new URL("../", location.href).pathname;
  new PagefindUI({ element: "#search", bundlePath: bundle.pathname, baseUrl: root,
                   showImages: false, resetStyles: false });
})();
