// Maps with Leaflet: the map page (every place with a position, in clusters) and the small locator maps of
// item and place pages. The background is the configured tiles when they load; otherwise (no network, a
// folder on a USB stick, or no tile address set) country outlines from the site's own files, with the borders
// of the states and provinces of the countries that have the site's places (Natural Earth, both).
// Each marker is a link to its place page; the places are listed in the page for readers without JavaScript.
// A country or a province named without a position is an area, not a point: it is drawn as its shaded outline
// (from the same files), with a link that names it and its photographs.
(function () {
  if (typeof L === "undefined") return;
  // The page's language: this script's words, translated in <script id="albumen-strings"> (an English page has none).
  var _ = (function () {
    var el = document.getElementById("albumen-strings");
    var words = el ? JSON.parse(el.textContent) : {};
    return function (text) { return words[text] || text; };
  })();
  var outlinesLoading = null;
  var TILE_PROBE_MS = 4000;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  // {countries: GeoJSON, provinces: {lines: one MultiLineString of the borders between provinces, labels:
  // [{name, lat, lon}]}, or null}.
  function loadOutlines(box) {
    if (!outlinesLoading) {
      var provinces = box.getAttribute("data-provinces");
      outlinesLoading = loadScript(box.getAttribute("data-topojson"))
        .then(function () { return loadScript(box.getAttribute("data-outlines")); })
        .then(function () {
          // The provinces are a help, not a need: without them the map still has its countries.
          return provinces ? loadScript(provinces).catch(function () { return null; }) : null;
        })
        .then(function () {
          var topology = window.albumenOutlines;
          var countries = topojson.feature(topology, topology.objects.countries);
          // Antarctica's outline runs along the map's edge; borders that cross the 180th meridian (Russia,
          // Fiji) would be drawn as lines across the whole map: carry them on past 180° instead.
          countries.features = countries.features.filter(function (f) { return f.id !== "010"; });
          countries.features.forEach(function (f) { unwrap(f.geometry); });
          return { countries: countries, provinces: provinceBorders(window.albumenProvinces) };
        });
    }
    return outlinesLoading;
  }

  // Only the lines between two provinces: a country's own edge comes from the country outlines.
  function provinceBorders(byCountry) {
    if (!byCountry) return null;
    var lines = [], labels = [];
    Object.keys(byCountry).forEach(function (code) {
      var topology = byCountry[code];
      var mesh = topojson.mesh(topology, topology.objects.provinces, function (a, b) { return a !== b; });
      mesh.coordinates.forEach(function (line) { unwrapRing(line); lines.push(line); });
      topology.objects.provinces.geometries.forEach(function (g) {
        var p = g.properties || {};
        if (p.name && p.label) labels.push({ name: p.name, lat: p.label[0], lon: p.label[1] });
      });
    });
    return lines.length ? { lines: { type: "MultiLineString", coordinates: lines }, labels: labels } : null;
  }

  // The provinces' names, from zoom 5 on (further out they would crowd each other), under the markers.
  var LABELS_FROM_ZOOM = 5;
  function provinceLabels(map, labels) {
    var pane = map.createPane("provinceLabels");
    pane.style.zIndex = 450;
    pane.style.pointerEvents = "none";
    var group = L.layerGroup(labels.map(function (label) {
      var icon = L.divIcon({ className: "province-label", iconSize: [0, 0],
                             html: '<span aria-hidden="true">' + escapeText(label.name) + "</span>" });
      return L.marker([label.lat, label.lon], { icon: icon, pane: "provinceLabels", interactive: false,
                                                keyboard: false });
    }));
    function update() {
      if (map.getZoom() >= LABELS_FROM_ZOOM) group.addTo(map);
      else group.remove();
    }
    map.on("zoomend", update);
    update();
  }

  function unwrap(geometry) {
    if (!geometry) return;
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    polygons.forEach(function (rings) { rings.forEach(unwrapRing); });
  }

  function unwrapRing(ring) {
    for (var i = 1; i < ring.length; i++) {
      while (ring[i][0] - ring[i - 1][0] > 180) ring[i][0] -= 360;
      while (ring[i][0] - ring[i - 1][0] < -180) ring[i][0] += 360;
    }
  }

  // One small image from the tile server decides: online, the tiles; offline, the outlines. (A browser
  // notes a failed request in its console whatever a page does; one probe keeps that to one line.)
  function probeTiles(template) {
    return new Promise(function (resolve) {
      if (!template || navigator.onLine === false) { resolve(false); return; }
      var done = false;
      var finish = function (ok) { if (!done) { done = true; resolve(ok); } };
      var img = new Image();
      img.onload = function () { finish(true); };
      img.onerror = function () { finish(false); };
      setTimeout(function () { finish(false); }, TILE_PROBE_MS);
      img.src = L.Util.template(template, { s: "a", z: 0, x: 0, y: 0, r: "" });
    });
  }

  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function markerFor(place) {
    var link = document.createElement("a");
    link.className = "map-marker-link";
    link.href = place.url + (location.protocol === "file:" ? "index.html" : "");
    link.title = place.name + " (" + place.count + ")";
    var name = document.createElement("span");
    name.className = "visually-hidden";
    name.textContent = place.name + ": ";
    var count = document.createElement("span");
    count.textContent = String(place.count);
    var rest = document.createElement("span");
    rest.className = "visually-hidden";
    rest.textContent = place.count === 1 ? _(" photograph") : _(" photographs");
    link.appendChild(name);
    link.appendChild(count);
    link.appendChild(rest);
    var size = place.count > 99 ? 40 : 32;
    var icon = L.divIcon({ html: link, className: "map-marker", iconSize: [size, size] });
    // Not "interactive": the link inside is what a click or the keyboard reaches.
    var marker = L.marker([place.lat, place.lon], { icon: icon, interactive: false, keyboard: false,
                                                     title: place.name });
    marker.placeId = place.id;
    return marker;
  }

  // A group of places close together: dark, so it can't be taken for a place's count of photographs.
  function clusterIcon(cluster) {
    var n = cluster.getChildCount();
    var inner = document.createElement("div");
    var count = document.createElement("span");
    count.textContent = String(n);
    var words = document.createElement("span");
    words.className = "visually-hidden";
    words.textContent = _(" places here: zoom in");
    inner.appendChild(count);
    inner.appendChild(words);
    return L.divIcon({ html: inner, className: "marker-cluster map-cluster", iconSize: [40, 40] });
  }

  function drawOutlines(map, box) {
    var note = document.getElementById("map-note");
    return loadOutlines(box).then(function (outlines) {
      // One canvas, drawn in order: the land, the provinces' borders (thin, dashed), the countries' borders.
      var renderer = L.canvas({ padding: 0.5 });
      L.geoJSON(outlines.countries, {
        renderer: renderer, interactive: false,
        style: { stroke: false, fillColor: "#f3eee4", fillOpacity: 1 }
      }).addTo(map);
      if (outlines.provinces) {
        L.geoJSON(outlines.provinces.lines, {
          renderer: renderer, interactive: false,
          style: { color: "#a99e8a", weight: 0.8, dashArray: "4 3", lineCap: "butt", fill: false }
        }).addTo(map);
      }
      L.geoJSON(outlines.countries, {
        renderer: renderer, interactive: false,
        style: { color: "#7a7060", weight: 1.2, fill: false }
      }).addTo(map);
      if (outlines.provinces) provinceLabels(map, outlines.provinces.labels);
      box.setAttribute("data-outlines-drawn", outlines.provinces ? "countries provinces" : "countries");
      map.attributionControl.addAttribution(_("Outlines: Natural Earth"));
      box.classList.add("outlines");
      if (note) {
        note.textContent = (outlines.provinces ? _("Offline map: borders of countries and provinces only.")
                                               : _("Offline map: country borders only.")) +
                           " " + _("Online, the map shows streets and terrain.");
        note.hidden = !box.getAttribute("data-tiles");
      }
    }).catch(function () {
      if (note) { note.textContent = _("The map's outlines could not be loaded."); note.hidden = false; }
    });
  }

  // The outline of an area: a country of world-atlas by its id, or a province of the site's provinces by name.
  function areaFeature(outlines, area) {
    if (area.kind === "country") {
      return outlines.countries.features.filter(function (f) { return f.id === area.country; })[0];
    }
    var topology = (window.albumenProvinces || {})[area.country];
    if (!topology) return null;
    var feature = topojson.feature(topology, topology.objects.provinces).features.filter(function (f) {
      return (f.properties || {}).name === area.province;
    })[0];
    if (feature) unwrap(feature.geometry);
    return feature;
  }

  // Where an area's name goes: a province's own label point, else the middle of its largest part.
  function areaLabelPoint(layer, feature) {
    var label = (feature.properties || {}).label;
    if (label) return L.latLng(label[0], label[1]);
    var best = null, size = -1;
    layer.eachLayer(function (part) {
      var rings = part.getLatLngs();
      (Array.isArray(rings[0][0]) ? rings : [rings]).forEach(function (polygon) {
        var b = L.latLngBounds(polygon[0]);
        var s = (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
        if (s > size) { size = s; best = b; }
      });
    });
    return best ? best.getCenter() : layer.getBounds().getCenter();
  }

  function areaLink(area) {
    var link = document.createElement("a");
    link.className = "map-area-link";
    link.href = area.url + (location.protocol === "file:" ? "index.html" : "");
    link.textContent = area.name + " (" + area.count + ")";
    link.title = area.name + ": " + area.count + (area.count === 1 ? _(" photograph") : _(" photographs"));
    link.setAttribute("style", "position:absolute;transform:translate(-50%,-50%);white-space:nowrap;" +
      "padding:0.15rem 0.45rem;border-radius:0.8rem;background:#fff;color:#8a3b12;border:2px solid #8a3b12;" +
      "font:600 0.8rem/1.2 system-ui,sans-serif;text-decoration:none;box-shadow:0 1px 3px rgba(0,0,0,.35)");
    return link;
  }

  // The areas over the background (tiles or outlines), under the markers; the map fits them when it has no points.
  function drawAreas(map, box, areas, fit) {
    var pane = map.createPane("areas");
    pane.style.zIndex = 420;
    var renderer = L.svg({ pane: "areas" });
    return loadOutlines(box).then(function (outlines) {
      var drawn = [];
      areas.forEach(function (area) {
        var feature = areaFeature(outlines, area);
        if (!feature) return;
        var layer = L.geoJSON(feature, { renderer: renderer, pane: "areas", interactive: false,
          style: { color: "#8a3b12", weight: 2, fillColor: "#c8662f", fillOpacity: 0.28 } }).addTo(map);
        var icon = L.divIcon({ html: areaLink(area), className: "map-area", iconSize: [0, 0] });
        L.marker(areaLabelPoint(layer, feature), { icon: icon, interactive: false, keyboard: false, title: area.name })
          .addTo(map);
        drawn.push({ area: area, layer: layer });
      });
      box.setAttribute("data-areas-drawn", String(drawn.length));
      var focus = location.hash.indexOf("#place-") === 0 ? decodeURIComponent(location.hash.slice(7)) : "";
      var focused = drawn.filter(function (d) { return d.area.id === focus; })[0];
      if (focused) map.fitBounds(focused.layer.getBounds(), { maxZoom: 7 });
      else if (fit && drawn.length) {
        var bounds = drawn[0].layer.getBounds();
        drawn.forEach(function (d) { bounds.extend(d.layer.getBounds()); });
        map.fitBounds(bounds.pad(0.1), { maxZoom: 6 });
      }
    }).catch(function () { box.setAttribute("data-areas-drawn", "0"); });
  }

  function attribution(box) {
    var text = escapeText(box.getAttribute("data-attribution") || "");
    var url = box.getAttribute("data-attribution-url");
    return url && /^https?:\/\//.test(url) && text ? '<a href="' + escapeText(url) + '">' + text + "</a>" : text;
  }

  function setUp(box) {
    var places = JSON.parse(box.getAttribute("data-places") || "[]");
    var areas = JSON.parse(box.getAttribute("data-areas") || "[]");
    if (!places.length && !areas.length) return;
    var big = box.getAttribute("data-kind") === "big";
    box.hidden = false;
    var map = L.map(box, { scrollWheelZoom: big, worldCopyJump: true, maxZoom: big ? 18 : 10, minZoom: 1,
                           zoomSnap: 0.5, zoomControl: false });
    L.control.zoom({ zoomInTitle: _("Zoom in"), zoomOutTitle: _("Zoom out") }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    var markers = places.map(markerFor);
    var layer = big && L.markerClusterGroup
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, iconCreateFunction: clusterIcon })
      : L.layerGroup();
    markers.forEach(function (m) { layer.addLayer(m); });
    layer.addTo(map);
    var bounds = L.latLngBounds(places.map(function (p) { return [p.lat, p.lon]; }));
    var focus = big && location.hash.indexOf("#place-") === 0 ? decodeURIComponent(location.hash.slice(7)) : "";
    var focused = places.filter(function (p) { return p.id === focus; })[0];
    if (focused) map.setView([focused.lat, focused.lon], 9);
    else if (!places.length) map.setView([20, 0], 1);  // the areas' outlines say where, once loaded
    else if (places.length === 1) map.setView([places[0].lat, places[0].lon], big ? 7 : 4);
    else map.fitBounds(bounds.pad(0.2), { maxZoom: big ? 9 : 6 });
    if (areas.length) drawAreas(map, box, areas, !places.length);

    probeTiles(box.getAttribute("data-tiles")).then(function (online) {
      if (online) {
        var tiles = L.tileLayer(box.getAttribute("data-tiles"), { maxZoom: 19, attribution: attribution(box) });
        tiles.addTo(map);
      } else {
        map.setMaxZoom(10);
        drawOutlines(map, box);
      }
      box.setAttribute("data-ready", online ? "tiles" : "outlines");
    });
    window.albumenMaps = (window.albumenMaps || []).concat([map]);
  }

  // Small maps start when they come near the screen: an item page's map costs nothing until it is seen.
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".map[data-places]"));
  if (!("IntersectionObserver" in window)) { boxes.forEach(setUp); return; }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { observer.unobserve(entry.target); setUp(entry.target); }
    });
  }, { rootMargin: "200px" });
  boxes.forEach(function (box) {
    if (box.getAttribute("data-kind") === "big") { setUp(box); return; }
    // A hidden element never intersects: show the box (with its height) first, then watch it.
    box.hidden = false;
    observer.observe(box);
  });
})();
