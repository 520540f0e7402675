// Thin wrapper around Leaflet (loaded from /vendor/ as the global `L`) for the
// Rust app. Text from users is always set with textContent, never as HTML.

const NATURAL_EARTH = 'Country shapes: <a href="https://www.naturalearthdata.com/">Natural Earth</a>';
let countriesPromise = null;

function countries() {
  if (!countriesPromise) {
    countriesPromise = fetch('/vendor/world-atlas/countries-50m.json')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error('countries ' + r.status))))
      .then((topo) => topojson.feature(topo, topo.objects.countries));
  }
  return countriesPromise;
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
  countries()
    .then((shapes) => {
      L.geoJSON(shapes, {
        interactive: false,
        style: { color: '#8a8f98', weight: 0.6, fillColor: '#f4f1ea', fillOpacity: 1 },
      }).addTo(map);
      map.getPane('overlayPane').style.zIndex = 350;
    })
    .catch((e) => console.warn('country shapes not loaded', e));
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
  element.setAttribute('aria-label', label);
  element.setAttribute('role', 'region');
  element.classList.add('map-base');
  followSize(map, element);
  baseLayer(map, tileUrl, tileAttribution);
  const handle = { map, element, labels: labels || null, markers: new Map(), items: [] };
  handle.zoom = zoomControl(map, labels);
  namePopupClose(map, handle);
  handle.cluster = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 45,
    iconCreateFunction: (cluster) => clusterIcon(handle, cluster),
  });
  map.addLayer(handle.cluster);
  return handle;
}

// A new interface language: the map's name, its controls, the clusters' names
// (markers take theirs from the next setEvents).
export function setLabels(handle, label, labels) {
  handle.labels = labels || null;
  handle.element.setAttribute('aria-label', label);
  handle.zoom.remove();
  handle.zoom = zoomControl(handle.map, labels);
  handle.cluster.refreshClusters();
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
// `status` (organisers' map) colours the pin: class `status-<status>`.
export function setEvents(handle, items) {
  handle.cluster.clearLayers();
  handle.markers.clear();
  const markers = items.map((item) => {
    const icon = labelledIcon({
      className: 'event-pin' + (item.cancelled ? ' cancelled' : '') + (item.status ? ' status-' + item.status : ''),
      html: '',
      iconSize: [PIN_SIZE, PIN_SIZE],
      label: markerLabel(handle.labels, item),
    });
    const marker = L.marker([item.lat, item.lon], { icon, title: item.title, keyboard: true });
    marker.bindPopup(() => popupContent(item));
    handle.markers.set(item.id, marker);
    return marker;
  });
  handle.cluster.addLayers(markers);
}

export function openEvent(handle, id) {
  const marker = handle.markers.get(id);
  if (marker) {
    handle.cluster.zoomToShowLayer(marker, () => marker.openPopup());
  }
}

// points: flat [lat, lon, lat, lon, ...]
export function fitPoints(handle, points, maxZoom) {
  if (points.length < 2) return;
  const latlngs = [];
  for (let i = 0; i + 1 < points.length; i += 2) latlngs.push([points[i], points[i + 1]]);
  handle.map.fitBounds(L.latLngBounds(latlngs).pad(0.2), { maxZoom });
}

export function destroy(handle) {
  handle.map.remove();
}

// A small map with one draggable pin: the meeting point of a new action.
// labels: as for createMap (zoomIn, zoomOut), optional.
export function createPinMap(element, lat, lon, tileUrl, tileAttribution, label, onMove, labels) {
  const map = L.map(element, { keyboard: true, zoomSnap: 0.5, zoomControl: false }).setView([lat, lon], 13);
  zoomControl(map, labels);
  element.setAttribute('aria-label', label);
  element.classList.add('map-base');
  followSize(map, element);
  baseLayer(map, tileUrl, tileAttribution);
  const icon = labelledIcon({ className: 'meeting-pin', html: '', iconSize: [PIN_SIZE, PIN_SIZE], label });
  const marker = L.marker([lat, lon], { draggable: true, autoPan: true, icon, title: label, keyboard: true }).addTo(map);
  const report = () => {
    const p = marker.getLatLng();
    onMove(p.lat, L.Util.wrapNum(p.lng, [-180, 180], true));
  };
  marker.on('dragend', report);
  map.on('click', (e) => {
    marker.setLatLng(e.latlng);
    report();
  });
  return { map, marker };
}

export function movePin(handle, lat, lon, zoom) {
  handle.marker.setLatLng([lat, lon]);
  handle.map.setView([lat, lon], zoom);
}
