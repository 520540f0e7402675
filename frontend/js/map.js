// Thin wrapper around Leaflet for the Rust app. Text from users is always set
// with textContent, never as HTML.
//
// Leaflet, its clustering plugin, their stylesheets and the country shapes
// (about 500 KB together) are served from /vendor/ and loaded only when a map
// comes near the screen, so that no page waits for them before it paints and
// a page without a map in view (the form before a place is chosen, a phone
// that has not scrolled down yet) never downloads them. Every function below
// returns at once; the work waits for the library in the order it was asked.

const NATURAL_EARTH = 'Country shapes: <a href="https://www.naturalearthdata.com/">Natural Earth</a>';
const VENDOR = '/vendor';
const STYLESHEETS = [
  '/leaflet/leaflet.css',
  '/leaflet.markercluster/MarkerCluster.css',
  '/leaflet.markercluster/MarkerCluster.Default.css',
];
// In order: the plugin needs Leaflet's global `L`.
const SCRIPTS = ['/leaflet/leaflet.js', '/leaflet.markercluster/leaflet.markercluster.js'];

function loadScript(path) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = VENDOR + path;
    script.async = false;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('not loaded: ' + path));
    document.head.append(script);
  });
}

function loadStylesheet(path) {
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = VENDOR + path;
    // A missing stylesheet leaves the map unstyled, not absent.
    link.onload = link.onerror = () => resolve();
    // Before the app's own stylesheet, which overrides some of their rules.
    const app = document.head.querySelector('link[rel="stylesheet"]:not([data-map])');
    link.dataset.map = '';
    document.head.insertBefore(link, app);
  });
}

let leafletPromise = null;

// Leaflet and the plugin, loaded once for the page.
function leaflet() {
  leafletPromise ??= Promise.all([
    SCRIPTS.reduce((before, path) => before.then(() => loadScript(path)), Promise.resolve()),
    ...STYLESHEETS.map(loadStylesheet),
  ]);
  return leafletPromise;
}

// Resolves when `element` is within a screen of the viewport (at once where
// the browser cannot tell).
function nearTheScreen(element, handle) {
  if (typeof IntersectionObserver === 'undefined') return Promise.resolve();
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          resolve();
        }
      },
      { rootMargin: '50% 0px' },
    );
    observer.observe(element);
    handle.observer = observer;
  });
}

// A handle that the other functions can use at once: `run` queues work for
// when the map has been built by `build` (once the element is near the screen
// and Leaflet has loaded). A failure is logged; the page goes on without a map.
function pendingHandle(element, build) {
  const handle = { element, destroyed: false };
  handle.ready = nearTheScreen(element, handle)
    .then(leaflet)
    .then(() => {
      if (!handle.destroyed) build(handle);
    });
  handle.ready.catch((e) => console.warn('map not loaded', e));
  return handle;
}

function run(handle, work) {
  handle.ready.then(() => {
    if (!handle.destroyed) work(handle);
  }, () => {});
}

// Natural Earth country shapes at two scales: 1:110m (about 100 KB, quick to
// draw) for the world and continents, 1:50m once a map is zoomed in to a
// country, where the coarse coasts would be visibly wrong.
const SHAPES = { coarse: '/world-atlas/countries-110m.json', fine: '/world-atlas/countries-50m.json' };
const FINE_FROM_ZOOM = 4;
const shapesPromises = {};

function countries(scale) {
  shapesPromises[scale] ??= Promise.all([
    fetch(VENDOR + SHAPES[scale]).then((r) =>
      r.ok ? r.json() : Promise.reject(new Error('countries ' + r.status)),
    ),
    loadScript('/topojson-client/topojson-client.min.js'),
  ]).then(([topo]) => topojson.feature(topo, topo.objects.countries));
  return shapesPromises[scale];
}

// Leaflet measures its element once; when the element is laid out later (it
// was created off-screen, the phone rotated) tell it the new size.
function followSize(map, element) {
  if (typeof ResizeObserver === 'undefined') return;
  const observer = new ResizeObserver(() => map.invalidateSize());
  observer.observe(element);
  map.on('unload', () => observer.disconnect());
}

function baseLayer(map, tileUrl, tileAttribution) {
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 19, attribution: tileAttribution || '' }).addTo(map);
    return;
  }
  map.attributionControl.addAttribution(NATURAL_EARTH);
  let shown = null;
  let layer = null;
  const show = (scale) => {
    if (shown === scale || shown === 'fine') return;
    shown = scale;
    countries(scale)
      .then((shapes) => {
        // The fine shapes asked for meanwhile win over the coarse ones.
        if (shown !== scale) return;
        const next = L.geoJSON(shapes, {
          interactive: false,
          style: { color: '#8a8f98', weight: 0.6, fillColor: '#f4f1ea', fillOpacity: 1 },
        }).addTo(map);
        layer?.remove();
        layer = next;
        map.getPane('overlayPane').style.zIndex = 350;
      })
      .catch((e) => console.warn('country shapes not loaded', e));
  };
  const byZoom = () => show(map.getZoom() >= FINE_FROM_ZOOM ? 'fine' : 'coarse');
  byZoom();
  map.on('zoomend', byZoom);
}

// Names for the map's controls and icons, in the interface language; every
// field is optional (English without them). See setLabels.
const DEFAULT_LABELS = {
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  closePopup: 'Close popup',
  cancelled: 'cancelled',
  cluster: { one: '{count} action, zoom in', other: '{count} actions, zoom in' },
  locale: 'en',
};

function labelsOf(labels) {
  return { ...DEFAULT_LABELS, ...(labels || {}) };
}

// The name of a cluster of `count` actions: `labels.cluster` is a function
// (count => text), one template, or templates by plural category of
// Intl.PluralRules ({one, other, ...}); `{count}` becomes the number in the
// interface's digits.
function clusterLabel(labels, count) {
  const l = labelsOf(labels);
  if (typeof l.cluster === 'function') return String(l.cluster(count));
  let template = l.cluster;
  if (template && typeof template === 'object') {
    const category = new Intl.PluralRules(l.locale).select(count);
    template = template[category] ?? template.other ?? DEFAULT_LABELS.cluster.other;
  }
  const number = new Intl.NumberFormat(l.locale).format(count);
  return String(template).replaceAll('{count}', number);
}

// A marker's name: its own `label`, else title, place and local time.
function markerLabel(labels, item) {
  if (item.label) return item.label;
  const parts = [item.title, item.place, item.when].filter((p) => p);
  if (item.cancelled) parts.push(labelsOf(labels).cancelled);
  return parts.join(', ');
}

// A div icon whose element carries an accessible name (Leaflet gives a
// keyboard marker role=button and only a title). Made on first use: `L` is
// a global of a script that may run after this module is read.
let LabelledIcon = null;

function labelledIcon(options) {
  LabelledIcon ??= L.DivIcon.extend({
    createIcon(old) {
      const element = L.DivIcon.prototype.createIcon.call(this, old);
      element.setAttribute('aria-label', this.options.label);
      return element;
    },
  });
  return new LabelledIcon(options);
}

// At least 24 × 24 px: the smallest target WCAG 2.2 (2.5.8) accepts.
const PIN_SIZE = 24;

function clusterIcon(handle, cluster) {
  const count = cluster.getChildCount();
  const size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
  const number = new Intl.NumberFormat(labelsOf(handle.labels).locale).format(count);
  return labelledIcon({
    html: `<div><span aria-hidden="true">${number}</span></div>`,
    className: `marker-cluster marker-cluster-${size}`,
    iconSize: L.point(40, 40),
    label: clusterLabel(handle.labels, count),
  });
}

function zoomControl(map, labels) {
  const l = labelsOf(labels);
  return L.control.zoom({ zoomInTitle: l.zoomIn, zoomOutTitle: l.zoomOut }).addTo(map);
}

// The close button of an open popup, named in the interface language.
function namePopupClose(map, handle) {
  map.on('popupopen', (e) => {
    const close = e.popup.getElement()?.querySelector('.leaflet-popup-close-button');
    if (close) close.setAttribute('aria-label', labelsOf(handle.labels).closePopup);
  });
}

// labels: {zoomIn, zoomOut, closePopup, cancelled, cluster, locale}, all optional.
export function createMap(element, tileUrl, tileAttribution, label, labels) {
  // Named at once, so the region is announced before the library arrives.
  element.setAttribute('aria-label', label);
  element.setAttribute('role', 'region');
  element.classList.add('map-base');
  return pendingHandle(element, (handle) => {
    const map = L.map(element, {
      worldCopyJump: true,
      minZoom: 1,
      maxZoom: 18,
      zoomSnap: 0.5,
      keyboard: true,
      zoomControl: false,
    }).setView([25, 10], 2);
    // The zoom level, for the browser tests.
    element.dataset.zoom = String(map.getZoom());
    map.on('zoomend', () => {
      element.dataset.zoom = String(map.getZoom());
    });
    followSize(map, element);
    baseLayer(map, tileUrl, tileAttribution);
    handle.map = map;
    handle.labels ??= labels || null;
    handle.markers = new Map();
    handle.zoom = zoomControl(map, handle.labels);
    namePopupClose(map, handle);
    handle.cluster = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      maxClusterRadius: 45,
      iconCreateFunction: (cluster) => clusterIcon(handle, cluster),
    });
    map.addLayer(handle.cluster);
  });
}

// A new interface language: the map's name, its controls, the clusters' names
// (markers take theirs from the next setEvents).
export function setLabels(handle, label, labels) {
  handle.labels = labels || null;
  handle.element.setAttribute('aria-label', label);
  run(handle, (h) => {
    h.zoom.remove();
    h.zoom = zoomControl(h.map, h.labels);
    h.cluster.refreshClusters();
  });
}

function popupContent(item) {
  const box = document.createElement('div');
  box.className = 'popup';
  box.dir = 'auto';
  const title = document.createElement('a');
  title.href = item.url;
  title.textContent = item.title;
  title.className = 'popup-title';
  if (item.language) title.lang = item.language;
  if (item.cancelled) title.classList.add('cancelled');
  const where = document.createElement('div');
  where.textContent = item.place;
  const when = document.createElement('div');
  when.textContent = item.when;
  box.append(title, where, when);
  return box;
}

// items: [{id, lat, lon, title, place, when, url, cancelled, language?, label?, status?}]
// `status` (organisers' map) colours the pin: class `status-<status>`. Only
// the latest list is drawn when several arrive before the map is built.
export function setEvents(handle, items) {
  handle.items = items;
  run(handle, (h) => {
    if (h.items !== items) return;
    h.cluster.clearLayers();
    h.markers.clear();
    const markers = items.map((item) => {
      const icon = labelledIcon({
        className: 'event-pin' + (item.cancelled ? ' cancelled' : '') + (item.status ? ' status-' + item.status : ''),
        html: '',
        iconSize: [PIN_SIZE, PIN_SIZE],
        label: markerLabel(h.labels, item),
      });
      const marker = L.marker([item.lat, item.lon], { icon, title: item.title, keyboard: true });
      marker.bindPopup(() => popupContent(item));
      h.markers.set(item.id, marker);
      return marker;
    });
    h.cluster.addLayers(markers);
  });
}

export function openEvent(handle, id) {
  run(handle, (h) => {
    const marker = h.markers.get(id);
    if (marker) {
      h.cluster.zoomToShowLayer(marker, () => marker.openPopup());
    }
  });
}

// points: flat [lat, lon, lat, lon, ...]
export function fitPoints(handle, points, maxZoom) {
  if (points.length < 2) return;
  run(handle, (h) => {
    const latlngs = [];
    for (let i = 0; i + 1 < points.length; i += 2) latlngs.push([points[i], points[i + 1]]);
    h.map.fitBounds(L.latLngBounds(latlngs).pad(0.2), { maxZoom });
  });
}

export function destroy(handle) {
  // A map never shown is never built.
  handle.observer?.disconnect();
  run(handle, (h) => h.map.remove());
  handle.ready.finally(() => {
    handle.destroyed = true;
  });
}

// A small map with one draggable pin: the meeting point of a new action.
// labels: as for createMap (zoomIn, zoomOut), optional.
export function createPinMap(element, lat, lon, tileUrl, tileAttribution, label, onMove, labels) {
  element.setAttribute('aria-label', label);
  element.classList.add('map-base');
  return pendingHandle(element, (handle) => {
    const map = L.map(element, { keyboard: true, zoomSnap: 0.5, zoomControl: false });
    const place = handle.place ?? { lat, lon, zoom: 13 };
    map.setView([place.lat, place.lon], place.zoom);
    zoomControl(map, labels);
    followSize(map, element);
    baseLayer(map, tileUrl, tileAttribution);
    const icon = labelledIcon({ className: 'meeting-pin', html: '', iconSize: [PIN_SIZE, PIN_SIZE], label });
    const marker = L.marker([place.lat, place.lon], { draggable: true, autoPan: true, icon, title: label, keyboard: true }).addTo(map);
    const report = () => {
      const p = marker.getLatLng();
      onMove(p.lat, L.Util.wrapNum(p.lng, [-180, 180], true));
    };
    marker.on('dragend', report);
    map.on('click', (e) => {
      marker.setLatLng(e.latlng);
      report();
    });
    handle.map = map;
    handle.marker = marker;
  });
}

// Before the map is built, only the last place asked for counts.
export function movePin(handle, lat, lon, zoom) {
  if (!handle.map) {
    handle.place = { lat, lon, zoom };
    return;
  }
  handle.marker.setLatLng([lat, lon]);
  handle.map.setView([lat, lon], zoom);
}
