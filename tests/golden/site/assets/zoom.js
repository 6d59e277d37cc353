// Deep zoom on the item page: the "Zoom in" button swaps the photo for an OpenSeadragon viewer.
// Its tile source is inline (IIIF info.json with a relative id, or the largest JPEG), so it needs no
// request a browser would block when the site is opened from a folder. An object's images are a list:
// the viewer pages through them (sequence mode), starting at the one shown.
(function () {
  // The page's language: this script's words, translated in <script id="albumen-strings"> (an English page has none).
  var _ = (function () {
    var el = document.getElementById("albumen-strings");
    var words = el ? JSON.parse(el.textContent) : {};
    return function (text) { return words[text] || text; };
  })();
  var button = document.querySelector(".zoom-button");
  var box = document.getElementById("zoom");
  if (!button || !box || typeof OpenSeadragon === "undefined") return;
  button.hidden = false;
  button.addEventListener("click", function () {
    if (box.classList.contains("zooming")) return;
    var source = JSON.parse(box.getAttribute("data-zoom"));
    var several = Array.isArray(source);
    var picture = box.querySelector("a");
    var stage = document.createElement("div");
    stage.className = "zoom-stage";
    stage.setAttribute("role", "application");
    stage.setAttribute("aria-label", _("Zoomable photograph: drag to move, scroll or pinch to zoom"));
    box.appendChild(stage);
    if (picture && !several) picture.hidden = true;
    box.classList.add("zooming");
    button.hidden = true;
    var options = {
      element: stage,
      prefixUrl: box.getAttribute("data-prefix"),
      tileSources: source,
      showNavigator: true,
      maxZoomPixelRatio: 2,
      crossOriginPolicy: false
    };
    if (several) {
      options.sequenceMode = true;
      options.initialPage = Number(box.getAttribute("data-page")) || 0;
    }
    window.albumenViewer = OpenSeadragon(options);
    box.scrollIntoView({ block: "nearest" });  // the button is under the photo: show the whole viewer
  });
})();
