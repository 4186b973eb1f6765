/* eventmap's map page (not vendored: eventmap's own, MIT OR Apache-2.0).
 *
 * Reads the data eventmap embedded as JSON (#eventmap-data) and the Natural Earth
 * basemap (#eventmap-basemap), and draws them with Leaflet. Article text reaches the
 * page only through textContent and attribute setters, never as HTML.
 *
 * For tests, <body> gets data-incidents (in the data), data-places (merged places),
 * data-shown (incidents passing the filters) and data-ready="1" once drawn.
 */
(function () {
  "use strict";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  // Rows of `fields` back into objects.
  function rows(fields, list) {
    return list.map(function (r) {
      var o = {};
      for (var i = 0; i < fields.length; i++) o[fields[i]] = r[i];
      return o;
    });
  }

  // el("td", {className: "x"}, "text", childNode, ...): DOM built without HTML parsing.
  function el(tag, props) {
    var e = document.createElement(tag);
    if (props) for (var k in props) e[k] = props[k];
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  function safeUrl(u) {
    return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null;
  }

  var data = readJson("eventmap-data");
  var sources = rows(data.source_fields, data.sources);
  var incidents = rows(data.incident_fields, data.incidents);
  var places = rows(data.place_fields, data.places);
  var colour = {};
  data.event_types.forEach(function (t) { colour[t[0]] = t[1]; });
  var OTHER = "#9d9d9d";
  function colourOf(t) { return colour[t] || OTHER; }

  document.body.dataset.incidents = String(incidents.length);
  document.body.dataset.places = String(places.length);

  // ---- map and basemaps -------------------------------------------------------
  var map = L.map("map", { worldCopyJump: true, zoomSnap: 0.25, minZoom: 1, maxZoom: 18 });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" title="A JavaScript library for interactive maps">Leaflet</a>');
  L.control.scale({ imperial: false }).addTo(map);

  // Natural Earth below the tile pane, so OpenStreetMap tiles (when online) cover it.
  map.createPane("basemap");
  map.getPane("basemap").style.zIndex = 150;
  var topo = readJson("eventmap-basemap");

  // The data is spherical (made for d3-geo): a ring that crosses the antimeridian
  // (Russia's Chukotka, Fiji) jumps from 180 to -180 and back, which a flat map
  // draws as a line around the world. Such a ring becomes one ring per side, and a
  // line is cut where it jumps.
  function jumps(r) {
    var at = [];
    for (var i = 1; i < r.length; i++) if (Math.abs(r[i][0] - r[i - 1][0]) > 180) at.push(i);
    return at;
  }
  function splitPolygons(polys) {
    var out = [];
    polys.forEach(function (p) {
      var c = jumps(p[0]);
      if (c.length !== 2) { out.push(p); return; }
      out.push([p[0].slice(c[1]).concat(p[0].slice(0, c[0]))], [p[0].slice(c[0], c[1])]);
    });
    return out;
  }
  function splitLines(lines) {
    var out = [];
    lines.forEach(function (l) {
      var cur = [l[0]];
      for (var i = 1; i < l.length; i++) {
        if (Math.abs(l[i][0] - l[i - 1][0]) > 180) { out.push(cur); cur = []; }
        cur.push(l[i]);
      }
      out.push(cur);
    });
    return { type: "MultiLineString", coordinates: out.filter(function (l) { return l.length > 1; }) };
  }
  var countries = topojson.feature(topo, topo.objects.countries);
  countries.features.forEach(function (f) {
    var g = f.geometry;
    if (g && (g.type === "Polygon" || g.type === "MultiPolygon")) {
      f.geometry = { type: "MultiPolygon", coordinates: splitPolygons(g.type === "Polygon" ? [g.coordinates] : g.coordinates) };
    }
  });
  function mesh(filter) {
    return splitLines(topojson.mesh(topo, topo.objects.countries, filter).coordinates);
  }
  // Drawn with room to spare around the view, so a resize never shows bare sea.
  var basemapRenderer = L.svg({ pane: "basemap", padding: 1 });
  map.createPane("basemap-labels");
  map.getPane("basemap-labels").style.zIndex = 160;
  map.getPane("basemap-labels").style.pointerEvents = "none";

  // Signed area and centroid of a ring of [lon, lat].
  function ringStats(ring) {
    var a = 0, x = 0, y = 0;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f; x += (ring[j][0] + ring[i][0]) * f; y += (ring[j][1] + ring[i][1]) * f;
    }
    return a ? { area: Math.abs(a / 2), lon: x / (3 * a), lat: y / (3 * a) } : { area: 0, lon: ring[0][0], lat: ring[0][1] };
  }
  // Country names at the middle of each country's largest polygon (offline basemap only).
  var countryLabels = L.layerGroup(countries.features.map(function (f) {
    var g = f.geometry;
    if (!g) return null;
    var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    var best = null;
    polys.forEach(function (p) { var st = ringStats(p[0]); if (!best || st.area > best.area) best = st; });
    if (!best || !f.properties || !f.properties.name) return null;
    return L.marker([best.lat, best.lon], {
      pane: "basemap-labels", interactive: false, keyboard: false,
      icon: L.divIcon({
        className: "em-country" + (best.area > 20 ? " em-country-big" : ""),
        html: el("span", null, f.properties.name),
        iconSize: null
      })
    });
  }).filter(Boolean));

  var natural = L.layerGroup([
    countryLabels,
    L.geoJSON(countries, {
      pane: "basemap", interactive: false, renderer: basemapRenderer,
      style: { className: "em-land", stroke: false, fillColor: "#f3f0e8", fillOpacity: 1 }
    }),
    L.geoJSON(mesh(function (a, b) { return a !== b; }), {
      pane: "basemap", interactive: false, renderer: basemapRenderer,
      style: { color: "#a98fb8", weight: 1, opacity: 0.9, dashArray: "4 3", fill: false }
    }),
    L.geoJSON(mesh(function (a, b) { return a === b; }), {
      pane: "basemap", interactive: false, renderer: basemapRenderer,
      style: { color: "#7f9db5", weight: 1, opacity: 1, fill: false }
    })
  ]).addTo(map);
  map.attributionControl.addAttribution("Basemap: Natural Earth (public domain)");
  document.body.dataset.basemap = "natural-earth";

  var layers = L.control.layers(null, { "Countries (Natural Earth, offline)": natural }, { collapsed: false, position: "topright" });

  // OpenStreetMap tiles only when a tile actually loads (the page works offline).
  function tryOnline() {
    if (navigator.onLine === false || !/^(https?|file):$/.test(location.protocol)) return;
    var probe = new Image();
    var timer = setTimeout(function () { probe.onload = probe.onerror = null; }, 8000);
    probe.onload = function () {
      clearTimeout(timer);
      var osm = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 19,
        attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
      }).addTo(map);
      layers.addOverlay(osm, "OpenStreetMap (online)");
      map.removeLayer(countryLabels); // the tiles have their own
      document.body.dataset.basemap = "osm";
    };
    probe.onerror = function () { clearTimeout(timer); };
    probe.src = "https://tile.openstreetmap.org/0/0/0.png";
  }

  // ---- incidents ----------------------------------------------------------------
  function radius(inc) {
    var f = Number(inc.fatalities) || 0;
    return 6 + Math.min(8, 1.6 * Math.sqrt(f));
  }

  var PRECISION = { 1: "the place itself", 2: "near the place", 3: "region or country only" };

  function sourceNode(s) {
    if (!s) return null;
    var url = safeUrl(s.url);
    var label = s.title || s.url || s.source;
    if (url) return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, label);
    return el("span", null, label + (s.title && s.source ? " (" + s.source + ")" : ""));
  }

  function tableRow(name, value) {
    if (value === null || value === undefined || value === "") return null;
    return el("tr", null, el("th", null, name), el("td", null, value));
  }

  function incidentPopup(inc) {
    var s = sources[inc.source];
    var where = [inc.place, inc.admin1, inc.country_code].filter(Boolean).filter(function (v, i, a) { return a.indexOf(v) === i; }).join(", ");
    var date = inc.date ? inc.date + (inc.date_precision && inc.date_precision !== "day" ? " (within a " + inc.date_precision + ")" : "") : "undated";
    var deaths = String(inc.fatalities) + (inc.fatalities_text ? " (\u201c" + inc.fatalities_text + "\u201d)" : "");
    var actors = (inc.actors || []).join("; ");
    return el("div", { className: "em-popup" },
      el("h3", null, el("span", { className: "em-swatch", style: "background:" + colourOf(inc.event_type) }), inc.event_type),
      el("p", { className: "em-subtype" }, inc.sub_event_type || ""),
      el("table", null,
        tableRow("Place", where),
        tableRow("Located", inc.geo_precision ? inc.geo_precision + ": " + (PRECISION[inc.geo_precision] || "") : null),
        tableRow("Date", date),
        tableRow("Fatalities", deaths),
        tableRow("Actors", actors || "\u2014"),
        tableRow("Claimed by", inc.claimed_by),
        tableRow("Confidence", inc.confidence === null ? null : Number(inc.confidence).toFixed(2)),
        tableRow("Source", sourceNode(s))),
      el("blockquote", null, inc.evidence || ""),
      el("div", { className: "em-id" }, "id " + inc.id));
  }

  function clusterIcon(kind) {
    return function (cluster) {
      var children = cluster.getAllChildMarkers();
      var n = children.length;
      var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 44 : 52;
      var ring;
      if (kind === "incident") {
        var counts = {};
        children.forEach(function (m) { counts[m.options.eventType] = (counts[m.options.eventType] || 0) + 1; });
        var at = 0, stops = [];
        data.event_types.map(function (t) { return t[0]; }).concat([""]).forEach(function (t) {
          var c = counts[t];
          if (!c) return;
          var from = at, to = at + (c / n) * 360;
          stops.push(colourOf(t) + " " + from.toFixed(1) + "deg " + to.toFixed(1) + "deg");
          at = to;
        });
        ring = "conic-gradient(" + stops.join(", ") + ")";
      }
      var inner = el("div", null, el("span", null, String(n)));
      if (ring) inner.style.background = ring;
      inner.dataset.count = String(n);
      return L.divIcon({
        html: inner, // an element, not markup
        className: "em-cluster em-cluster-" + kind,
        iconSize: L.point(size, size)
      });
    };
  }

  // Clusters only where markers crowd: a small layer keeps its markers apart.
  var incidentGroup = L.markerClusterGroup({
    maxClusterRadius: incidents.length > 100 ? 40 : 20,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon("incident")
  });
  var markers = incidents.map(function (inc) {
    var m = L.circleMarker([inc.lat, inc.lon], {
      radius: radius(inc),
      color: "#333", weight: 1, opacity: 1,
      fillColor: colourOf(inc.event_type), fillOpacity: 0.9,
      className: "em-incident",
      eventType: inc.event_type
    });
    m.bindPopup(function () { return incidentPopup(inc); }, { maxWidth: 360, minWidth: 240 });
    // The place's name beside the marker, shown from zoom 5 (see zoomClasses).
    m.bindTooltip(inc.place || "", { permanent: true, direction: "right", offset: [radius(inc), 0], className: "em-label", interactive: false });
    m.incident = inc;
    return m;
  });

  // ---- places (merged by place_id) ------------------------------------------------
  function placePopup(p) {
    var where = [p.admin1, p.country_code].filter(Boolean).join(", ");
    var list = el("ul");
    p.sources.slice(0, 10).forEach(function (i) { list.appendChild(el("li", null, sourceNode(sources[i]))); });
    if (p.sources.length > 10) list.appendChild(el("li", null, "and " + (p.sources.length - 10) + " more"));
    return el("div", { className: "em-popup" },
      el("h3", null, el("span", { className: "em-swatch em-swatch-place" }), p.place),
      el("p", { className: "em-subtype" }, [p.feature, where].filter(Boolean).join(" \u00b7 ")),
      el("table", null,
        tableRow("Named", p.mentions + (p.mentions === 1 ? " time" : " times") + " in " + p.sources.length + (p.sources.length === 1 ? " article" : " articles")),
        tableRow("Population", p.population ? Number(p.population).toLocaleString("en") : null),
        tableRow("Gazetteer id", p.place_id)),
      list);
  }
  var placeGroup = L.markerClusterGroup({
    maxClusterRadius: places.length > 100 ? 40 : 20,
    showCoverageOnHover: false,
    iconCreateFunction: clusterIcon("place")
  });
  var placeMarkers = places.map(function (p) {
    var m = L.circleMarker([p.lat, p.lon], {
      radius: 4, color: "#555", weight: 2, fillColor: "#fff", fillOpacity: 1, className: "em-place"
    });
    m.bindPopup(function () { return placePopup(p); }, { maxWidth: 340 });
    m.bindTooltip(p.place || "", { permanent: true, direction: "right", offset: [4, 0], className: "em-label em-label-place", interactive: false });
    m.mentions = p.mentions;
    return m;
  });
  placeGroup.addLayers(placeMarkers);

  // Labels that would overlap a marker or a label placed before them go to the
  // left of their marker, or hide. Incidents go first (surest, then deadliest),
  // then places (most named first).
  function declutter() {
    var origin = map.getContainer().getBoundingClientRect();
    var shown = [];
    markers.forEach(function (m) { if (map.hasLayer(m)) shown.push({ m: m, pri: 10 + Number(m.incident.confidence || 0) + Math.min(1, (Number(m.incident.fatalities) || 0) / 100) }); });
    placeMarkers.forEach(function (m) { if (map.hasLayer(m)) shown.push({ m: m, pri: Math.min(9, m.mentions / 100) }); });
    if (shown.length > 2000) return;
    var taken = shown.map(function (c) {
      var p = map.latLngToContainerPoint(c.m.getLatLng()), r = c.m.getRadius() - 1;
      return { l: origin.left + p.x - r, r: origin.left + p.x + r, t: origin.top + p.y - r, b: origin.top + p.y + r };
    });
    function hits(b) {
      for (var i = 0; i < taken.length; i++) {
        var o = taken[i];
        if (b.l < o.r && b.r > o.l && b.t < o.b && b.b > o.t) return true;
      }
      return false;
    }
    shown.sort(function (a, b) { return b.pri - a.pri; });
    shown.forEach(function (c) {
      var t = c.m.getTooltip(), e = t && t.getElement();
      if (!e) return;
      e.style.marginLeft = "";
      e.style.visibility = "";
      if (window.getComputedStyle(e).display === "none") return; // below the labels' zoom
      var r = e.getBoundingClientRect(), box = { l: r.left, r: r.right, t: r.top, b: r.bottom };
      if (hits(box)) {
        var shift = r.width + 2 * c.m.getRadius() + 8;
        var left = { l: box.l - shift, r: box.r - shift, t: box.t, b: box.b };
        if (hits(left)) { e.style.visibility = "hidden"; return; }
        e.style.marginLeft = -shift + "px";
        box = left;
      }
      taken.push(box);
    });
  }
  var declutterSoon = (function () {
    var pending = false;
    return function () {
      if (pending) return;
      pending = true;
      setTimeout(function () { pending = false; declutter(); }, 0);
    };
  })();
  map.on("zoomend moveend overlayadd overlayremove", declutterSoon);
  incidentGroup.on("animationend", declutterSoon);
  placeGroup.on("animationend", declutterSoon);

  // ---- panel: legend, filters ----------------------------------------------------
  var dated = incidents.map(function (i) { return i.date; }).filter(Boolean).sort();
  var minDate = dated[0] || "", maxDate = dated[dated.length - 1] || "";
  var undatedCount = incidents.length - dated.length;
  var typeBoxes = {};
  var fromInput = el("input", { type: "date", value: minDate, min: minDate, max: maxDate });
  var toInput = el("input", { type: "date", value: maxDate, min: minDate, max: maxDate });
  var undatedBox = el("input", { type: "checkbox", checked: true });
  var status = el("div", { className: "em-status", role: "status" });

  function visible(inc) {
    var box = typeBoxes[inc.event_type];
    if (box && !box.checked) return false;
    if (!inc.date) return undatedBox.checked;
    if (fromInput.value && inc.date < fromInput.value) return false;
    if (toInput.value && inc.date > toInput.value) return false;
    return true;
  }

  function applyFilters() {
    var shown = markers.filter(function (m) { return visible(m.incident); });
    incidentGroup.clearLayers();
    incidentGroup.addLayers(shown);
    status.textContent = "Showing " + shown.length + " of " + incidents.length + " incidents";
    document.body.dataset.shown = String(shown.length);
    declutterSoon();
  }

  var panel = L.control({ position: "topright" });
  panel.onAdd = function () {
    var counts = {};
    incidents.forEach(function (i) { counts[i.event_type] = (counts[i.event_type] || 0) + 1; });
    var legend = el("div", { className: "em-legend" });
    data.event_types.forEach(function (t) {
      var box = el("input", { type: "checkbox", checked: true });
      box.addEventListener("change", applyFilters);
      typeBoxes[t[0]] = box;
      legend.appendChild(el("label", null, box,
        el("span", { className: "em-swatch", style: "background:" + t[1] }),
        el("span", { className: "em-type" }, t[0]),
        el("span", { className: "em-n" }, String(counts[t[0]] || 0))));
    });
    [fromInput, toInput, undatedBox].forEach(function (i) { i.addEventListener("change", applyFilters); });
    var reset = el("button", { type: "button" }, "Reset");
    reset.addEventListener("click", function () {
      Object.keys(typeBoxes).forEach(function (k) { typeBoxes[k].checked = true; });
      fromInput.value = minDate; toInput.value = maxDate; undatedBox.checked = true;
      applyFilters();
    });
    var toggle = el("button", { type: "button", className: "em-toggle" }, "\u2630");
    var nSources = sources.length;
    var body = el("div", { className: "em-body" },
      incidents.length ? el("h2", null, "Event type") : null,
      incidents.length ? legend : null,
      incidents.length ? el("div", { className: "em-note" }, "Circle size grows with fatalities; rings show the mix in a cluster.") : null,
      dated.length ? el("h2", null, "Date \u00b7 " + (minDate === maxDate ? minDate : minDate + " to " + maxDate)) : null,
      dated.length ? el("div", { className: "em-dates" }, el("label", null, "From"), fromInput, el("label", null, "To"), toInput) : null,
      undatedCount ? el("label", { className: "em-row" }, undatedBox, "Include undated (" + undatedCount + ")") : null,
      incidents.length ? el("div", { className: "em-row" }, reset) : null,
      incidents.length ? status : null,
      places.length ? el("div", { className: "em-note" }, el("span", { className: "em-swatch em-swatch-place", style: "display:inline-block;vertical-align:middle" }),
        incidents.length ? " Places named in the articles: turn on \u201cPlaces mentioned\u201d below." : " Places named in the articles, one marker per place.") : null);
    var div = el("div", { className: "em-panel" },
      toggle,
      el("h1", null, "eventmap"),
      el("p", { className: "em-sub" },
        [incidents.length || !places.length ? incidents.length + (incidents.length === 1 ? " incident" : " incidents") : null,
          places.length ? places.length + (places.length === 1 ? " place" : " places") : null].filter(Boolean).join(", ") +
        " from " + nSources + (nSources === 1 ? " article" : " articles")),
      body);
    toggle.addEventListener("click", function () { div.classList.toggle("em-collapsed"); });
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  panel.addTo(map);

  if (incidents.length) layers.addOverlay(incidentGroup, "Incidents");
  if (places.length) layers.addOverlay(placeGroup, "Places mentioned");
  layers.addTo(map);

  // Labels by zoom: country names from 3 (big countries) and 5 (all), place names from 5.
  function zoomClasses() {
    var z = map.getZoom(), c = map.getContainer().classList;
    c.toggle("em-z3", z >= 3);
    c.toggle("em-z5", z >= 5);
  }
  map.on("zoomend", zoomClasses);

  // ---- initial view: the data's bounds --------------------------------------------
  var pts = (incidents.length ? incidents : places).map(function (x) { return [x.lat, x.lon]; });
  if (pts.length) {
    // Keep the points clear of the panel on the right.
    var right = Math.min(290, map.getSize().x * 0.45);
    map.fitBounds(L.latLngBounds(pts), { paddingTopLeft: [50, 50], paddingBottomRight: [right, 50], maxZoom: 8 });
  } else {
    map.setView([20, 0], 2);
  }
  zoomClasses();
  incidentGroup.addTo(map);
  if (!incidents.length) placeGroup.addTo(map);
  applyFilters();
  document.body.dataset.ready = "1";
  tryOnline();
})();
