// Pagefind UI with result links made relative to this site's root, so search works under a sub-path.
(function () {
  var el = document.getElementById("search");
  if (!el || typeof PagefindUI === "undefined") return;
  var root = new URL("../", location.href).pathname;
  new PagefindUI({ element: "#search", bundlePath: el.getAttribute("data-bundle"), baseUrl: root,
                   showImages: false, resetStyles: false });
})();
