// The studio's forms: the date in words as you type, a caption's preview, finding places, picking a position on
// a map, and the order of a topic's photos (drag, or the Move buttons). Every form also works without it.
(function () {
  "use strict";
  // The studio's language: this script's words, translated in <script id="albumen-strings"> (none in English).
  var _ = (function () {
    var el = document.getElementById("albumen-strings");
    var words = el ? JSON.parse(el.textContent) : {};
    return function (text) { return words[text] || text; };
  })();
  var key = document.currentScript.getAttribute("data-key");

  // -- dates --------------------------------------------------------------------------------------------------
  document.querySelectorAll("[data-date-helper]").forEach(function (input) {
    var field = input.closest(".studio-field");
    var words = field.querySelector("[data-date-words]");
    var use = field.querySelector("[data-date-use]");
    var timer = null;
    function update() {
      fetch("/_studio/api/date?text=" + encodeURIComponent(input.value), {cache: "no-store"})
        .then(function (r) { return r.json(); })
        .then(function (help) {
          use.hidden = true;
          if (help.valid) {
            words.textContent = help.words ? _("Reads as: [WORDS]").replace("[WORDS]", help.words) : "";
          } else if (help.suggestion) {
            words.textContent = _("Not a date albumen reads yet. Did you mean [DATE] ([WORDS])?").replace("[DATE]", help.suggestion).replace("[WORDS]", help.words);
            use.textContent = _("Use [DATE]").replace("[DATE]", help.suggestion);
            use.hidden = false;
            use.onclick = function () { input.value = help.suggestion; update(); input.focus(); };
          } else {
            words.textContent = _("Not a date albumen can read: try 1944, 1944-10, 1944-23 (autumn) or words like fall 1944.");
          }
        });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 150); });
    update();
  });

  // -- caption preview ------------------------------------------------------------------------------------------
  document.querySelectorAll("[data-preview]").forEach(function (button) {
    var textarea = document.getElementById(button.getAttribute("data-preview"));
    var target = document.querySelector('[data-preview-of="' + textarea.id + '"]');
    button.addEventListener("click", function () {
      var body = new FormData();
      body.append("key", key);
      body.append("text", textarea.value);
      fetch("/_studio/api/preview", {method: "POST", body: body})
        .then(function (r) { return r.text(); })
        .then(function (html) { target.innerHTML = html; target.hidden = false; });
    });
  });

  // -- places -----------------------------------------------------------------------------------------------
  document.querySelectorAll("[data-place-search]").forEach(function (search) {
    var input = document.getElementById(search.getAttribute("data-place-search"));
    var results = search.parentNode.querySelector("[data-place-results]");
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch("/_studio/api/places?q=" + encodeURIComponent(search.value), {cache: "no-store"})
          .then(function (r) { return r.json(); })
          .then(function (places) {
            results.textContent = "";
            places.forEach(function (place) {
              var li = document.createElement("li");
              if (place.source === "archive") {
                var add = document.createElement("button");
                add.type = "button";
                add.textContent = _("Add [PLACE]").replace("[PLACE]", place.label);
                add.addEventListener("click", function () {
                  var now = input.value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
                  if (now.indexOf(place.id) < 0) { now.push(place.id); }
                  input.value = now.join(", ");
                  input.focus();
                });
                li.appendChild(add);
              } else {
                var link = document.createElement("a");
                var q = "?name=" + encodeURIComponent(place.name) + "&lat=" + place.lat + "&lon=" + place.lon;
                link.href = "/_studio/places/new" + q;
                link.textContent = _("New place: [PLACE]").replace("[PLACE]", place.label);
                li.appendChild(link);
              }
              results.appendChild(li);
            });
          });
      }, 150);
    });
  });

  // -- a position on the map ----------------------------------------------------------------------------------
  var mapBox = document.getElementById("pick-map");
  if (mapBox && window.L) {
    var lat = document.getElementById(mapBox.getAttribute("data-lat-input"));
    var lon = document.getElementById(mapBox.getAttribute("data-lon-input"));
    var start = [parseFloat(lat.value) || 20, parseFloat(lon.value) || 0];
    var map = L.map(mapBox).setView(start, lat.value ? 6 : 2);
    if (window.albumenOutlines && window.topojson) {
      var outlines = window.topojson.feature(window.albumenOutlines, window.albumenOutlines.objects.countries);
      L.geoJSON(outlines, {style: {color: "#777", weight: 1, fillColor: "#eee", fillOpacity: 1}}).addTo(map);
    }
    var marker = lat.value ? L.marker(start).addTo(map) : null;
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(4);
      lon.value = L.Util.wrapNum(event.latlng.lng, [-180, 180], true).toFixed(4);
      if (marker) { marker.setLatLng(event.latlng); } else { marker = L.marker(event.latlng).addTo(map); }
    });
  }

  // -- the order of a topic's photos ----------------------------------------------------------------------------
  document.querySelectorAll("[data-order]").forEach(function (list) {
    var dragged = null;
    list.addEventListener("dragstart", function (event) {
      dragged = event.target.closest("li");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.getAttribute("data-id"));
    });
    list.addEventListener("dragover", function (event) {
      event.preventDefault();
      var over = event.target.closest("li");
      if (!dragged || !over || over === dragged) { return; }
      var box = over.getBoundingClientRect();
      list.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? over.nextSibling : over);
    });
    list.addEventListener("drop", function (event) { event.preventDefault(); dragged = null; });
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-move]");
      if (!button) { return; }
      var li = button.closest("li");
      if (button.getAttribute("data-move") === "up" && li.previousElementSibling) {
        list.insertBefore(li, li.previousElementSibling);
      } else if (button.getAttribute("data-move") === "down" && li.nextElementSibling) {
        list.insertBefore(li.nextElementSibling, li);
      }
      button.focus();
    });
  });
})();
